// The steps of a VMM program other than requests: dirty tracking, RAM and
// device data over the stream, the VM's vCPUs, the stream's messages and
// the end of the migration, closing data fds, the destination's exit.
// Source and destination speak only through the stream (in order: setup,
// RAM and device data, end) and the return path (the destination's result).
#include <cstring>

#include "model/world/vmm_step.hpp"

namespace migcheck::world {

void World::vmm_step(Host h, View in, engine::Successors& out) const {
  const StepTaker fresh(*this, in, h, out);
  const FlowStep& step = fresh.step;
  const bool src = h == Host::source;
  const int dev = in.cursor(h);
  const bool broken = in.stream(kStreamBroken);
  // Fault: the stream breaks as this step uses it (while it carries the
  // migration: from the source's setup to its end). Breaking it earlier
  // changes nothing any property or other step reads before this point.
  auto stream_breaks_here = [&] {
    const bool carries = src ? in.program(h) == Program::migrate : in.stream(kSetupSent);
    if (broken || in.stream(kEndSent) || !carries || in.faults() >= params_.faults) return;
    Step f = fresh(ActionKind::stream_break, dev, 0);
    f.v.add_fault();
    f.v.set_stream(kStreamBroken, true);
    f.on_error();
  };

  if (step.if_vm >= 0 && in.flag(src ? kVmSource : kVmDestination) != (step.if_vm == 1)) {
    fresh(ActionKind::vmm_step, dev, 0).advance();  // the step does not apply in this VM state
    return;
  }
  switch (step.op) {
    case StepOp::request: request(h, fresh.prog, in, out); return;
    case StepOp::tracking: {
      Step st = fresh(ActionKind::vmm_step, 0, 0);
      st.v.set_flag(kLogging, step.on);
      st.advance();
      return;
    }
    case StepOp::copy_dirty: {
      Step st = fresh(ActionKind::vmm_step, 0, 0);
      if (broken) {
        st.on_error();
        return;
      }
      // RAM arrives in order before the end of the stream, which the
      // destination waits for before its VM starts: it is written to the
      // destination's memory as it is sent.
      for (int pg = 0; pg < layout_.pages; ++pg)
        if (in.page_dirty(pg)) st.v.set_page(pg, true, false);
      st.advance();  // before out.add() again: adding may move the successor buffer
      if (step.repeat && in.rounds() + 1 < params_.rounds) {
        Step again = fresh(ActionKind::repeat_round, 0, 0);
        for (int pg = 0; pg < layout_.pages; ++pg)
          if (in.page_dirty(pg)) again.v.set_page(pg, true, false);
        again.v.set_rounds(in.rounds() + 1);
      }
      stream_breaks_here();
      return;
    }
    case StepOp::save: {
      Step st = fresh(ActionKind::vmm_step, dev, 0);
      const FlagSet f = table_.flags[in.src_state(dev)];
      // v2 reads the data fd QEMU holds: a session a reset ended reads an error.
      const bool readable = p_.flow.data_fd ? in.fd(dev, fd_held(true)) && !in.fd(dev, fd_dead(true))
                                            : has(f, Flag::save_session);
      if (!readable || !has(f, Flag::final_save) || broken) {
        st.on_error();
        return;
      }
      st.v.set_dflag(dev, kSaved, true);
      st.advance();
      stream_breaks_here();
      return;
    }
    case StepOp::load: {
      if (!in.dflag(dev, kSaved) && !broken) return;  // waits for the device's data
      Step st = fresh(ActionKind::vmm_step, dev, 0);
      const bool writable = has(table_.flags[in.dst_state(dev)], Flag::resuming) &&
                            (!p_.flow.data_fd || (in.fd(dev, fd_held(false)) && !in.fd(dev, fd_dead(false))));
      if (!in.dflag(dev, kSaved) || !writable) {
        st.on_error();
        return;
      }
      st.v.set_dflag(dev, kLoading | kLoaded, true);
      st.advance();
      if (in.faults() < params_.faults) {  // the destination rejects the data
        Step f = fresh(ActionKind::load_fails, dev, 0);
        f.v.add_fault();
        f.v.set_dflag(dev, kLoading, true);  // part of the data was written
        f.on_error();
      }
      stream_breaks_here();
      return;
    }
    case StepOp::vm: {
      Step st = fresh(ActionKind::vmm_step, 0, 0);
      st.v.set_flag(src ? kVmSource : kVmDestination, step.on);
      st.advance();
      return;
    }
    case StepOp::release: {
      Step st = fresh(ActionKind::vmm_step, 0, 0);
      for (int i = 0; i < layout_.devices; ++i) {
        if (table_.reset_to >= 0) st.v.reset_device(false, i, table_.reset_to);
        st.v.set_fd(i, fd_held(false) | fd_dead(false), false);
      }
      st.advance();
      return;
    }
    case StepOp::send: {
      Step st = fresh(ActionKind::vmm_step, 0, 0);
      if (step.message == Message::result) {
        st.v.set_stream(kResultOk, true);
      } else if (broken) {
        st.on_error();
        return;
      } else {
        st.v.set_stream(step.message == Message::setup ? kSetupSent : kEndSent, true);
      }
      st.advance();
      if (step.message != Message::result) stream_breaks_here();
      return;
    }
    case StepOp::wait: {
      if (step.message == Message::result) {  // the source learns the destination's outcome
        if (in.stream(kResultOk)) {
          fresh(ActionKind::vmm_step, 0, 0).advance();
        } else if (!in.busy(Host::destination)) {
          Step st = fresh(ActionKind::vmm_step, 0, 1);
          const bool resumes = !program(h, Program::resume).steps.empty();
          if (resumes) st.v.start(h, HostMode::aborting, Program::resume);
          else st.v.set_mode(h, HostMode::failed);
        }
        return;
      }
      const bool arrived = in.stream(step.message == Message::setup ? kSetupSent : kEndSent);
      if (!arrived && !broken) return;  // waits
      Step st = fresh(ActionKind::vmm_step, 0, 0);
      if (arrived) st.advance();
      else st.on_error();
      if (arrived) stream_breaks_here();
      return;
    }
    case StepOp::complete: {  // the end of the stream is written and the source is COMPLETED
      Step st = fresh(ActionKind::vmm_step, 0, 0);
      if (broken) {
        st.on_error();
        return;
      }
      st.v.set_stream(kEndSent, true);
      st.advance();
      stream_breaks_here();
      return;
    }
    case StepOp::close_fds: {
      Step st = fresh(ActionKind::vmm_step, dev, 0);
      st.v.set_fd(dev, fd_held(src) | fd_dead(src), false);
      st.advance();
      return;
    }
  }
}

}  // namespace migcheck::world
