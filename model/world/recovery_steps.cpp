// What a VMM does after one of its requests failed, one step at a time so
// that a trace shows the fault and QEMU's answer apart (vfio-facts §5.1,
// §2.7): request the recover state; reset the device (VFIO_DEVICE_RESET);
// or, without recovery, react to the error (QEMU v1 re-reads the state and
// calls hw_error on the error encoding). Each may itself fail (a fault).
#include <cstring>

#include "model/world/vmm_step.hpp"

namespace migcheck::world {

void World::recovery_step(Host h, View in, engine::Successors& out) const {
  const StepTaker take(*this, in, h, out);
  const FlowStep& step = take.step;
  const bool src = h == Host::source;
  const int dev = in.cursor(h);
  const int real = in.state(src, dev);
  auto fresh = [&](ActionKind k, int b, int requested = 0) { return take(k, dev | requested << 3, b); };
  const bool fault_left = in.faults() < params_.faults;
  switch (in.phase(h)) {
    case Phase::none: return;
    case Phase::recover: {
      // recover = the state QEMU believed before the request (load_setup), or a given one.
      const int r = step.recover == Recover::original ? in.cache(src, dev) : step.recover_state;
      const Outcome o = outcome(real, r);
      Step st = fresh(ActionKind::vmm_recover, real + 1, r);
      if (o.kind == OutcomeKind::undefined) {
        st.v.set_flag(kUndefined, true);
        return;
      }
      if (o.kind == OutcomeKind::reject) {
        st.v.set_phase(h, Phase::reset);  // "Failed setting device in recover state ... Resetting device"
        return;
      }
      if (real == table_.error && o.to != real) st.v.set_mark(kMarkErrorLeft);  // S7: a recover request left ERROR
      if (!session(o.to) && in.fd(dev, fd_held(src))) st.v.set_fd(dev, fd_dead(src), true);
      st.enter(dev, o.to, r);
      st.on_error();  // the original error is returned to the step
      if (fault_left) {
        Step f = fresh(ActionKind::recover_fails, real, r);
        f.v.add_fault();
        f.v.set_phase(h, Phase::reset);
      }
      return;
    }
    case Phase::reset: {
      Step st = fresh(ActionKind::vmm_reset, 0);
      if (table_.reset_to < 0) {  // the design does not say what reset does
        st.v.set_flag(kUndefined, true);
        return;
      }
      st.v.reset_device(src, dev, table_.reset_to);
      st.v.set_cache(src, dev, table_.reset_to);  // QEMU records RUNNING after its reset
      // The guest did not ask for this reset: its device state is gone (review C.2).
      if (src) st.v.set_dflag(dev, kWiped, true);
      st.on_error();
      if (fault_left) {  // VFIO_DEVICE_RESET fails: hw_error (§5.1 step 5)
        Step f = fresh(ActionKind::reset_fails, 0);
        f.v.add_fault();
        f.crash();
      }
      return;
    }
    case Phase::react: {
      Step st = fresh(ActionKind::vmm_react, 0);
      if (p_.flow.crash_on_error_state && real == table_.error) st.crash();  // QEMU v1: hw_error (§2.7)
      else st.on_error();
      return;
    }
  }
}

}  // namespace migcheck::world
