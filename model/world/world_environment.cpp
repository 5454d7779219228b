// What happens around the VMM: the guest and the devices (environment),
// injected faults, the operator's cancel and the VMM's retry; and the
// predicates properties share (source intact, destination complete).
#include <cstring>

#include "model/world/world.hpp"

namespace migcheck::world {

void World::environment(View in, engine::Successors& out) const {
  auto copy = [&](ActionKind k, int a, int b) {
    uint8_t* s = out.add(encode_action(k, 0, 0, a, b));
    std::memcpy(s, in.b, layout_.bytes());
    return MutView{{s, layout_}};
  };
  const int maxv = params_.versions;
  for (int pg = 0; pg < layout_.pages; ++pg)
    if (in.flag(kVmSource) && in.page_src(pg) < maxv)  // vCPU writes: KVM always tracks them
      copy(ActionKind::guest_write, pg, 0).set_page(pg, in.page_src(pg) + 1, in.page_dst(pg), true);
  for (int i = 0; i < layout_.devices; ++i) {
    if (in.dflag(i, kIdle)) continue;  // a reset device does nothing until reprogrammed
    FlagSet f = table_.flags[in.src_state(i)];
    bool tracked = p_.flow.separate_tracking ? in.flag(kLogging) : has(f, Flag::tracking);
    if (has(f, Flag::dma))
      for (int pg = 0; pg < layout_.pages; ++pg)
        if (in.page_src(pg) < maxv)
          copy(ActionKind::dma, i, pg).set_page(pg, in.page_src(pg) + 1, in.page_dst(pg), in.page_dirty(pg) || tracked);
  }
  for (int i = 0; i < layout_.devices; ++i)
    if (active(in, i) && in.src_ver(i) < maxv) {
      MutView v = copy(ActionKind::progress, i, 0);
      v.set_src_ver(i, in.src_ver(i) + 1);
      if (in.dflag(i, kSaved)) v.set_dflag(i, kChanged, true);
    }
  for (int i = 0; i < layout_.devices; ++i) {
    if (!has(table_.flags[in.src_state(i)], Flag::p2p_initiate) || in.dflag(i, kIdle)) continue;
    for (int j = 0; j < layout_.devices; ++j) {
      if (j == i || in.dflag(j, kIdle)) continue;  // a device the guest just reset has no state to lose
      if (!has(table_.flags[in.src_state(j)], Flag::p2p_accept)) {
        if (!in.dflag(j, kLost)) copy(ActionKind::p2p, i, j).set_dflag(j, kLost, true);  // the write is lost
      } else if (in.src_ver(j) < maxv) {
        MutView v = copy(ActionKind::p2p, i, j);
        v.set_src_ver(j, in.src_ver(j) + 1);
        v.set_flag(kP2PApplied, true);
        if (in.dflag(j, kSaved)) v.set_dflag(j, kChanged, true);
      }
    }
  }
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
void World::faults(View in, engine::Successors& out) const {
  if (in.faults() >= params_.faults) return;
  auto copy = [&](ActionKind k, int a, int b) {
    uint8_t* s = out.add(encode_action(k, 0, 0, a, b));
    std::memcpy(s, in.b, layout_.bytes());
    MutView v{{s, layout_}};
    v.add_fault();
    return v;
  };
  auto reset = [&](MutView v, bool source, int i) {
    if (table_.reset_to < 0) v.set_mode(Mode::undefined);
    else v.reset_device(source, i, table_.reset_to);
  };
  if (in.mode() == Mode::migrating && !in.flag(kStreamBroken)) copy(ActionKind::stream_break, 0, 0).set_flag(kStreamBroken, true);
  for (int host = 0; host < 2; ++host)
    for (int i = 0; i < layout_.devices; ++i) reset(copy(ActionKind::host_reset, host, i), host == 0, i);
  if (in.flag(kVmSource))
    for (int i = 0; i < layout_.devices; ++i) reset(copy(ActionKind::guest_reset, 0, i), true, i);
}

bool World::load_under_way(View v) const {
  for (int i = 0; i < layout_.devices; ++i)
    if (v.dflag(i, kLoading) && !v.dflag(i, kLoaded)) return true;
  return false;
}

void World::successors(engine::StateView s, engine::Successors& out) const {
  View in = view(s);
  Mode m = in.mode();
  const size_t before = out.size();
  if (m == Mode::migrating || m == Mode::aborting) {
    vmm_step(in, out);
    environment(in, out);
    faults(in, out);
    // R1's scope is the state right after the cancel, nothing later.
    if (in.mark(kMarkJustCancelled))
      for (size_t k = before; k < out.size(); ++k) MutView{{out.states.data() + k * layout_.bytes(), layout_}}.clear_mark(kMarkJustCancelled);
    if (m == Mode::migrating && !in.flag(kCancelled) && in.pc() <= last_source_step_) {
      uint8_t* c = out.add(encode_action(ActionKind::cancel, 0, in.pc(), 0, 0));
      std::memcpy(c, s, layout_.bytes());
      MutView v{{c, layout_}};
      v.set_flag(kCancelled, true);
      v.set_flag(kDestinationResumed, load_under_way(in));
      v.set_mark(kMarkJustCancelled);
      v.set_cancel_pc(in.pc() + 1);
      v.set_mode(Mode::aborting);
      v.set_program(Program::cancel);
      v.set_pc(0);
      v.set_cursor(0);
      v.set_rounds(0);
    }
  } else if (m == Mode::aborted && in.attempts() + 1 < params_.attempts) {
    uint8_t* r = out.add(encode_action(ActionKind::retry, 0, 0, 0, 0));
    std::memcpy(r, s, layout_.bytes());
    MutView v{{r, layout_}};
    v.set_mode(Mode::migrating);
    v.set_program(Program::migrate);
    v.set_pc(0);
    v.set_cursor(0);
    v.set_rounds(0);
    v.set_attempts(in.attempts() + 1);
    v.set_cancel_pc(0);
    v.set_flag(kStreamBroken | kLogging | kCancelled | kDestinationResumed | kP2PApplied | kDestinationCrashed, false);
    // A new attempt: the source keeps what happened to its devices (a lost
    // P2P write, a wiped state, a pending reprogram: review C.3); the
    // destination is a new process that opens its devices afresh.
    for (int i = 0; i < layout_.devices; ++i) {
      v.set_sent_ver(i, 0);
      v.set_dst_ver(i, 0);
      v.set_dflag(i, kSaved | kLoaded | kLoading | kChanged, false);
      v.set_state(false, i, table_.initial);
    }
    for (int pg = 0; pg < layout_.pages; ++pg) v.set_page(pg, in.page_src(pg), 0, true);
  }
}

// ---------------------------------------------------------------- predicates

bool World::source_intact(View v) const {
  if (v.mode() != Mode::aborted || !v.flag(kVmSource) || v.flag(kVmDestination)) return false;
  for (int i = 0; i < layout_.devices; ++i)
    if (!runs(v.src_state(i)) || v.dflag(i, kLost) || v.dflag(i, kWiped)) return false;
  return true;
}

bool World::destination_complete(View v) const {
  if (v.mode() != Mode::succeeded || v.flag(kVmSource) || !v.flag(kVmDestination)) return false;
  for (int pg = 0; pg < layout_.pages; ++pg)
    if (v.page_dst(pg) != v.page_src(pg)) return false;
  for (int i = 0; i < layout_.devices; ++i)
    if (!v.dflag(i, kLoaded) || v.dflag(i, kChanged) || v.dflag(i, kLost) || v.dflag(i, kWiped)) return false;
  return true;
}

}  // namespace migcheck::world
