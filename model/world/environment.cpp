// What happens around the VMMs: the guest and the devices (environment),
// and the faults injected from outside a VMM's own requests.
#include <cstring>

#include "model/world/world.hpp"

namespace migcheck::world {

void World::environment(View in, engine::Successors& out) const {
  auto copy = [&](ActionKind k, int a, int b) {
    uint8_t* s = out.add(encode_action(k, Host::source, 0, 0, a, b));
    std::memcpy(s, in.b, layout_.bytes());
    return MutView{{s, layout_}};
  };
  // A write leaves the destination's copy of the page stale and the page
  // dirty if the write is tracked; a write that changes neither (the page is
  // already stale and dirty) leads back to this state and is not listed.
  auto writes = [&](int pg, bool tracked) {
    return in.page_current(pg) || (tracked && !in.page_dirty(pg));
  };
  for (int pg = 0; pg < layout_.pages; ++pg)
    if (in.flag(kVmSource) && writes(pg, true))  // vCPU writes: KVM always tracks them
      copy(ActionKind::guest_write, pg, 0).set_page(pg, false, true);
  for (int i = 0; i < layout_.devices; ++i) {
    if (in.dflag(i, kIdle)) continue;  // a reset device does nothing until reprogrammed
    FlagSet f = doing(in, true, i);
    bool tracked = p_.flow.separate_tracking ? in.flag(kLogging) : has(f, Flag::tracking);
    if (has(f, Flag::dma))
      for (int pg = 0; pg < layout_.pages; ++pg)
        if (writes(pg, tracked)) copy(ActionKind::dma, i, pg).set_page(pg, false, in.page_dirty(pg) || tracked);
  }
  // A running device's internal state changes all the time; what a property
  // can tell is only whether it changed after its state was saved (S3).
  for (int i = 0; i < layout_.devices; ++i)
    if (active(in, i) && in.dflag(i, kSaved) && !in.dflag(i, kChanged))
      copy(ActionKind::progress, i, 0).set_dflag(i, kChanged, true);
  for (int i = 0; i < layout_.devices; ++i) {
    if (!has(doing(in, true, i), Flag::p2p_initiate) || in.dflag(i, kIdle)) continue;
    for (int j = 0; j < layout_.devices; ++j) {
      if (j == i || in.dflag(j, kIdle)) continue;  // a device the guest just reset has no state to lose
      if (!has(doing(in, true, j), Flag::p2p_accept)) {
        if (!in.dflag(j, kLost)) copy(ActionKind::p2p, i, j).set_dflag(j, kLost, true);  // the write is lost
      } else if (!in.flag(kP2PApplied) || (in.dflag(j, kSaved) && !in.dflag(j, kChanged))) {
        MutView v = copy(ActionKind::p2p, i, j);  // applied: the peer's state changes
        v.set_flag(kP2PApplied, true);
        if (in.dflag(j, kSaved)) v.set_dflag(j, kChanged, true);
      }
    }
  }
  // A destination device that holds the guest's state and may initiate P2P
  // works (its queues were loaded) and may write into a peer; a peer that
  // does not accept P2P yet (still resuming, stopped) loses the write
  // (review D.6: QEMU's P2P prepare step exists for starting, too).
  for (auto [i, j] : destination_p2p_writes(in)) copy(ActionKind::destination_p2p, i, j).set_dflag(j, kDstLost, true);
  if (in.flag(kVmSource))  // the guest driver reinitialises a reset device (needs running vCPUs)
    for (int i = 0; i < layout_.devices; ++i)
      if (in.dflag(i, kIdle)) copy(ActionKind::reprogram, i, 0).set_dflag(i, kIdle, false);
}

// Injected faults, at most params.faults per behaviour. Resets come in two
// kinds (review C.1): the guest resets a source device (an FLR) only while
// its vCPUs run; the host resets a device on either side at any time (AER,
// sysfs, a reset behind QEMU's back). A design that does not say what reset
// does is reset all the same: the device is then in a state the design
// leaves undefined (S6), so silence is reported, never rewarded (review C.5).
std::vector<std::pair<int, int>> World::destination_p2p_writes(View in) const {
  std::vector<std::pair<int, int>> out;
  for (int i = 0; i < layout_.devices; ++i) {
    if (!in.dflag(i, kLoaded) || !has(doing(in, false, i), Flag::p2p_initiate)) continue;
    for (int j = 0; j < layout_.devices; ++j)
      if (j != i && !in.dflag(j, kDstLost) && (in.dflag(j, kLoading) || in.dflag(j, kLoaded)) &&
          !has(doing(in, false, j), Flag::p2p_accept))
        out.emplace_back(i, j);
  }
  return out;
}

void World::faults(View in, engine::Successors& out) const {
  if (in.faults() >= params_.faults) return;
  // A stream break is injected where a VMM uses the stream (vmm_steps.cpp):
  // no property reads the stream, so a break is seen only there.
  host_resets(in, out, Host::source);
  host_resets(in, out, Host::destination);
  guest_resets(in, out);
}

// Once the destination VM runs, a reset behind its back is what it is
// before any migration: the guest's business (its driver sees a reset
// device, as on the source, where the device idles until reprogrammed). The
// world does not follow the guest past its start, so such a reset is not
// injected: S3 and S5 judge what the migration delivered, not what happens
// to the devices afterwards.
void World::host_resets(View in, engine::Successors& out, Host h) const {
  if (h == Host::destination && in.flag(kVmDestination)) return;
  resets(in, out, ActionKind::host_reset, h);
}

void World::guest_resets(View in, engine::Successors& out) const {
  if (in.flag(kVmSource)) resets(in, out, ActionKind::guest_reset, Host::source);
}

void World::resets(View in, engine::Successors& out, ActionKind kind, Host h) const {
  auto copy = [&](ActionKind k, int a, int b) {
    uint8_t* s = out.add(encode_action(k, Host::source, 0, 0, a, b));
    std::memcpy(s, in.b, layout_.bytes());
    MutView v{{s, layout_}};
    v.add_fault();
    return v;
  };
  auto reset = [&](MutView v, bool source, int i) {
    if (table_.reset_to < 0) v.set_flag(kUndefined, true);
    else v.reset_device(source, i, table_.reset_to);
  };
  const bool source = h == Host::source;
  for (int i = 0; i < layout_.devices; ++i) reset(copy(kind, source ? 0 : 1, i), source, i);
}

}  // namespace migcheck::world
