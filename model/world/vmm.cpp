// The two VMM processes: each runs its own program (flow), one step at a
// time, with QEMU's view of each device (its cached state and data fd).
// A request follows vfio_migration_set_state (vfio-facts §5.1, §2.7): on
// success the cache records the request; a failure leaves the device where
// the design says and the VMM recovers in steps of its own (recovery.cpp).
#include <cstring>

#include "model/world/vmm_step.hpp"

namespace migcheck::world {

World::Step World::StepTaker::operator()(ActionKind k, int a, int b) const {
  uint8_t* s = out.add(encode_action(k, h, static_cast<int>(in.program(h)), in.pc(h), a, b));
  std::memcpy(s, in.b, w.layout_.bytes());
  return Step{w, MutView{{s, w.layout_}}, h, prog, step};
}

void World::Step::advance() {
  const int pc = v.pc(h);
  const size_t k = static_cast<size_t>(pc);
  v.set_phase(h, Phase::none);
  if (per_device(step.op)) {
    if (pc != prog.last[k]) {  // the next step of this device's handler group
      v.set_pc(h, pc + 1);
      return;
    }
    if (v.cursor(h) + 1 < w.layout_.devices) {  // the group again, for the next device
      v.set_cursor(h, v.cursor(h) + 1);
      v.set_pc(h, prog.first[k]);
      return;
    }
  }
  v.set_cursor(h, 0);
  v.set_pc(h, pc + 1);
  if (h == Host::source) v.set_rounds(0);
  if (pc + 1 < static_cast<int>(prog.steps.size())) return;
  v.set_mode(h, v.program(h) == Program::migrate ? HostMode::done : HostMode::failed);
}

// The migration cannot go on for this VMM: it closes its end of the stream
// and runs its abort program; inside that program it reports and goes on
// (QEMU's cleanup paths report errors and continue).
void World::Step::fail_migration() {
  if (v.program(h) != Program::migrate) {
    advance();
    return;
  }
  if (h == Host::destination) v.set_flag(kDestinationResumed, w.load_under_way(View{v.b, v.l}));
  v.set_stream(kStreamBroken, true);
  v.start(h, HostMode::aborting, Program::abort);
  if (h == Host::source) v.set_rounds(0);
}

// The VMM process ends (QEMU hw_error, or a step whose policy is to crash):
// its VM is gone, the stream breaks, and its devices are closed (reset,
// where the design says what reset does; review C.4).
void World::Step::crash() {
  v.set_mode(h, HostMode::crashed);
  v.set_phase(h, Phase::none);
  v.set_stream(kStreamBroken, true);
  const bool src = h == Host::source;
  v.set_flag(src ? kVmSource : kVmDestination, false);
  if (!src && w.table_.reset_to >= 0)
    for (int j = 0; j < w.layout_.devices; ++j) v.reset_device(false, j, w.table_.reset_to);
}

void World::Step::on_error() {
  v.set_phase(h, Phase::none);
  switch (step.on_error) {
    case OnError::abort: fail_migration(); return;
    case OnError::report: advance(); return;
    case OnError::crash: crash(); return;
  }
}

void World::Step::enter(int i, int state, int requested) {
  v.set_cache(h == Host::source, i, requested);
  place(i, state);
}

// Device i of this VMM's host is in `state`.
void World::Step::place(int i, int state) {
  const bool src = h == Host::source;
  const FlagSet before = w.table_.flags[v.state(src, i)];
  if (state != w.table_.error) {
    v.set_fd(i, error_running(src) | error_initiating(src), false);
  } else if (v.state(src, i) != state) {
    v.set_fd(i, error_running(src), has(before, Flag::runs));
    v.set_fd(i, error_initiating(src), has(before, Flag::p2p_initiate));
  }
  v.set_state(src, i, state);
  if (state == w.table_.error) v.set_mark(kMarkErrorEntered);
}

// A request that failed left device i in `left`; what QEMU does next is a
// step of its own (Phase): recover, reset, or react to the error.
void World::Step::failed(int i, int left) {
  const bool src = h == Host::source;
  place(i, left);
  if (!w.session(left) && v.fd(i, fd_held(src))) v.set_fd(i, fd_dead(src), true);
  v.set_phase(h, step.recover == Recover::reset                                          ? Phase::reset
                 : step.recover == Recover::original || step.recover == Recover::state ? Phase::recover
                                                                                       : Phase::react);
}

// The state a request step asks of device i, from QEMU's view of it: -1 for
// no request, -2 for an error before any ioctl (QEMU's own checks).
int World::request_target(const FlowStep& st, View in, Host h, int i) const {
  const bool src = h == Host::source;
  const int cache = in.cache(src, i);
  if (st.rmw) {  // QEMU v1: read device_state, (old & mask) | value, reject an invalid value locally (§2.7)
    const uint32_t value = (p_.states[static_cast<size_t>(in.state(src, i))].value & st.mask) | st.value;
    for (int s = 0; s < table_.n; ++s)
      if (table_.present[s] && p_.states[static_cast<size_t>(s)].value == value)
        return has(table_.flags[s], Flag::valid) ? s : -2;
    return -2;
  }
  for (auto [from, to] : st.map)
    if (from == cache) return to;
  if (!st.map.empty() && st.target < 0) return st.unmapped_fails ? -2 : -1;
  return st.target;
}

void World::request(Host h, const HostProgram& prog, View in, engine::Successors& out) const {
  const FlowStep& step = prog.steps[static_cast<size_t>(in.pc(h))];
  const bool src = h == Host::source;
  const int dev = in.cursor(h);
  const StepTaker take(*this, in, h, out);
  auto fresh = [&](ActionKind k, int b, int requested = 0) { return take(k, dev | requested << 3, b); };
  const int real = in.state(src, dev);
  const int cache = in.cache(src, dev);
  const bool applies = step.if_cached == 0 || ((step.if_cached >> cache) & 1);
  const int target = applies ? request_target(step, in, h, dev) : -1;
  if (target == -2) {  // refused before the ioctl (an invalid value, a state QEMU does not expect)
    fresh(ActionKind::vmm_step, 0).on_error();
    return;
  }
  if (target < 0 || (p_.flow.skip_same_state && target == cache)) {  // nothing to request for this device
    fresh(ActionKind::vmm_step, 0).advance();
    return;
  }
  const Outcome o = outcome(real, target);
  {
    Step st = fresh(ActionKind::vmm_step, real + 1, target);  // b: the request was issued, from `real`
    if (o.kind == OutcomeKind::undefined) {
      st.v.set_flag(kUndefined, true);
    } else if (o.kind == OutcomeKind::reject) {
      st.failed(dev, real);
    } else {
      if (real == table_.error && o.to != real) st.v.set_mark(kMarkErrorLeft);
      const bool opened = p_.flow.data_fd && opens_session(real, o);
      const bool was_held = in.fd(dev, fd_held(src));
      if (was_held && (!session(o.to) || opened)) st.v.set_fd(dev, fd_dead(src), true);
      st.enter(dev, o.to, target);
      if (opened && was_held) {
        st.on_error();  // "data_fd out of sync": the new fd is closed, -EBADF (§5.1 step 4)
      } else {
        if (opened) st.v.set_fd(dev, fd_held(src), true), st.v.set_fd(dev, fd_dead(src), false);
        st.advance();
      }
    }
  }
  if (o.kind != OutcomeKind::transition || in.faults() >= params_.faults) return;
  if (p_.failure.unspecified) {  // the design does not say what a failed request leaves
    Step f = fresh(ActionKind::request_fails, 255, target);
    f.v.add_fault();
    f.v.set_flag(kUndefined, true);
    return;
  }
  for (int left : failure_states(real, o)) {
    Step f = fresh(ActionKind::request_fails, left, target);
    f.v.add_fault();
    f.failed(dev, left);
  }
}

}  // namespace migcheck::world
