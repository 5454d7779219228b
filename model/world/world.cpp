#include "model/world/world.hpp"

#include <algorithm>
#include <cstring>

#include "model/features.hpp"

namespace migcheck::world {

uint32_t encode_action(ActionKind k, int program, int pc, int a, int b) {
  return static_cast<uint32_t>(k) << 24 | static_cast<uint32_t>(program & 3) << 22 | static_cast<uint32_t>(pc & 63) << 16 |
         static_cast<uint32_t>(a & 255) << 8 | static_cast<uint32_t>(b & 255);
}

DecodedAction decode_action(uint32_t x) {
  return {static_cast<ActionKind>(x >> 24), static_cast<int>((x >> 22) & 3), static_cast<int>((x >> 16) & 63),
          static_cast<int>((x >> 8) & 255), static_cast<int>(x & 255)};
}

bool is_fault(ActionKind k) {
  return k == ActionKind::request_fails || k == ActionKind::stream_break || k == ActionKind::load_fails ||
         k == ActionKind::host_reset || k == ActionKind::guest_reset;
}

namespace {
std::vector<FlowStep> steps_in(const std::vector<FlowStep>& steps, FeatureSet f) {
  std::vector<FlowStep> out;
  for (const auto& s : steps)
    if (s.when.holds(f)) out.push_back(s);
  return out;
}

bool per_device(StepOp op) { return op == StepOp::request || op == StepOp::save || op == StepOp::load; }
}  // namespace

World::World(const Proposal& p, Params params, const RequestOracle* oracle)
    : p_(p),
      params_(params),
      table_(build_table(p, params.features)),
      layout_{params.devices, params.pages},
      migrate_(steps_in(p.flow.migrate, params.features)),
      abort_(steps_in(p.flow.abort, params.features)),
      cancel_(steps_in(p.flow.cancel, params.features)),
      oracle_(oracle) {
  for (size_t k = 0; k < migrate_.size(); ++k) {
    const FlowStep& st = migrate_[k];
    bool source_side = st.op == StepOp::save || st.op == StepOp::copy_dirty || st.op == StepOp::tracking ||
                       ((st.op == StepOp::request || st.op == StepOp::vm) && st.host == Host::source);
    if (source_side) last_source_step_ = static_cast<int>(k);
  }
}

const std::vector<FlowStep>& World::program(Program prog) const {
  return prog == Program::migrate ? migrate_ : prog == Program::abort ? abort_ : cancel_;
}

std::vector<std::vector<uint8_t>> World::initial_states() const {
  std::vector<uint8_t> s(layout_.bytes(), 0);
  MutView v{{s.data(), layout_}};
  v.set_mode(Mode::migrating);
  v.set_flag(kVmSource, true);
  for (int i = 0; i < layout_.devices; ++i) {
    v.set_state(true, i, p_.flow.running_state);  // the source VM already runs (domain.md §4)
    v.set_state(false, i, table_.initial);        // a freshly opened destination device
  }
  for (int pg = 0; pg < layout_.pages; ++pg) v.set_page(pg, 0, 0, true);  // the first round sends every page
  return {s};
}

// ---------------------------------------------------------------- VMM steps

// A step applied to a copy of the current state.
struct World::Step {
  const World& w;
  MutView v;
  const FlowStep& step;

  const DeviceTable& t() const { return w.table_; }
  bool source() const { return step.host == Host::source; }

  void advance() {
    const auto& prog = w.program(v.program());
    if (per_device(step.op) && v.cursor() + 1 < w.layout_.devices) {
      v.set_cursor(v.cursor() + 1);
      return;
    }
    v.set_cursor(0);
    v.set_pc(v.pc() + 1);
    v.set_rounds(0);
    if (v.pc() < static_cast<int>(prog.size())) return;
    v.set_mode(v.program() == Program::migrate ? Mode::succeeded : Mode::aborted);
  }

  // The migration cannot go on: run the abort program, or, inside it, carry
  // on with the next step (QEMU reports such errors locally and continues).
  void fail_migration() {
    if (v.mode() != Mode::migrating) {
      if (v.mode() == Mode::aborting) advance();
      return;
    }
    v.set_flag(kDestinationResumed, w.load_under_way(View{v.b, v.l}));
    v.set_mode(Mode::aborting);
    v.set_program(Program::abort);
    v.set_pc(0);
    v.set_cursor(0);
    v.set_rounds(0);
  }

  void reset_device(bool src, int i) {
    if (t().reset_to < 0) {  // the design does not say what reset does
      v.set_mode(Mode::undefined);
      return;
    }
    v.reset_device(src, i, t().reset_to);
  }
  // The VMM resets a device to recover (QEMU vfio_migration_set_state's
  // reset_device): the guest did not ask for it, so a source device's state,
  // as the guest knows it, is gone (review C.2).
  void vmm_reset(bool src, int i) {
    reset_device(src, i);
    if (src && v.mode() != Mode::undefined) v.set_dflag(i, kWiped, true);
  }

  void enter(bool src, int i, int state) {
    v.set_state(src, i, state);
    if (!src && has(t().flags[state], Flag::resuming)) v.set_dflag(i, kLoading, true);
  }

  // After a failed request left device i in `left` (QEMU vfio_migration_set_state, §5.1).
  void recover(int i, int from, int left) {
    bool src = source();
    v.set_state(src, i, left);
    if (left == t().error) v.set_mark(kMarkErrorEntered);
    if (step.recover == Recover::reset) {
      vmm_reset(src, i);
    } else if (step.recover == Recover::original || step.recover == Recover::state) {
      int r = step.recover == Recover::original ? from : step.recover_state;
      const Outcome o = w.outcome(left, r);
      if (o.kind == OutcomeKind::undefined) {
        v.set_mode(Mode::undefined);
      } else if (o.kind == OutcomeKind::transition) {
        if (left == t().error && o.to != left) v.set_mark(kMarkErrorLeft);  // S7: a recover request left ERROR
        enter(src, i, o.to);
      } else {
        vmm_reset(src, i);  // the recover request failed too: reset
      }
    } else if (left == t().error) {
      if (w.p_.flow.crash_on_error_state) crash(src);  // QEMU v1: hw_error (§2.7)
      else vmm_reset(src, i);
    }
    if (v.mode() != Mode::migrating && v.mode() != Mode::aborting) return;
    // A destination request that fails once the source has completed is the
    // destination's own: QEMU's VM-start callbacks can only report it
    // (vfio-facts §5.4, §6.13) and the COMPLETED source is never told
    // (review D.1), so the destination carries on with the device as the
    // failure left it. A crashed destination cannot carry on.
    const bool after_source = v.program() == Program::migrate && v.pc() > w.last_source_step_;
    if (!src && after_source && !v.flag(kDestinationCrashed)) {
      advance();
      return;
    }
    fail_migration();
  }

  // QEMU v1's hw_error aborts the process whose request failed (§2.7). The
  // source's abort loses the VM; the destination's ends only the incoming
  // side: its devices are closed (reset, where the design says what reset
  // does) and the source sees a broken stream (review C.4).
  void crash(bool src) {
    if (src) {
      v.set_mode(Mode::crashed);
      return;
    }
    v.set_flag(kDestinationCrashed, true);
    v.set_flag(kStreamBroken, true);
    if (t().reset_to >= 0)
      for (int j = 0; j < w.layout_.devices; ++j) v.reset_device(false, j, t().reset_to);
  }
};

void World::vmm_step(View in, engine::Successors& out) const {
  const auto& prog = program(in.program());
  const FlowStep& step = prog[static_cast<size_t>(in.pc())];
  const int prog_id = static_cast<int>(in.program());
  const int dev = in.cursor();
  auto fresh = [&](ActionKind k, int a, int b) {
    uint8_t* s = out.add(encode_action(k, prog_id, in.pc(), a, b));
    std::memcpy(s, in.b, layout_.bytes());
    return Step{*this, MutView{{s, layout_}}, step};
  };

  if (step.if_vm >= 0 && in.flag(step.host == Host::source ? kVmSource : kVmDestination) != (step.if_vm == 1)) {
    fresh(ActionKind::vmm_step, dev, 0).advance();  // the step does not apply in this VM state
    return;
  }
  switch (step.op) {
    case StepOp::request: {
      bool src = step.host == Host::source;
      int from = in.state(src, dev);
      int target = step.target;
      for (auto [f, to] : step.map)
        if (f == from) target = to;
      if (target < 0 || (p_.flow.skip_same_state && from == target)) {  // nothing to request for this device
        fresh(ActionKind::vmm_step, dev, 0).advance();
        return;
      }
      const Outcome o = outcome(from, target);
      Step st = fresh(ActionKind::vmm_step, dev, from + 1);  // b: the request was issued, from `from`
      if (o.kind == OutcomeKind::undefined) {
        st.v.set_mode(Mode::undefined);
        return;
      }
      if (o.kind == OutcomeKind::reject) {
        st.recover(dev, from, from);
        return;
      }
      if (has(table_.flags[from], Flag::error) && o.to != from) st.v.set_mark(kMarkErrorLeft);
      st.enter(src, dev, o.to);
      st.advance();
      if (in.faults() >= params_.faults) return;
      if (p_.failure.unspecified) {  // the design does not say what a failed request leaves
        Step f = fresh(ActionKind::request_fails, dev, 255);
        f.v.add_fault();
        f.v.set_mode(Mode::undefined);
        return;
      }
      for (int left : failure_states(from, o)) {
        Step f = fresh(ActionKind::request_fails, dev, left);
        f.v.add_fault();
        f.recover(dev, from, left);
      }
      return;
    }
    case StepOp::tracking: {
      Step st = fresh(ActionKind::vmm_step, 0, 0);
      st.v.set_flag(kLogging, step.on);
      st.advance();
      return;
    }
    case StepOp::copy_dirty: {
      Step st = fresh(ActionKind::vmm_step, 0, 0);
      if (in.flag(kStreamBroken)) {
        st.fail_migration();
        return;
      }
      for (int pg = 0; pg < layout_.pages; ++pg)
        if (in.page_dirty(pg)) st.v.set_page(pg, in.page_src(pg), in.page_src(pg), false);
      st.advance();  // before out.add() again: adding may move the successor buffer
      if (step.repeat && in.rounds() + 1 < params_.rounds) {
        Step again = fresh(ActionKind::repeat_round, 0, 0);
        for (int pg = 0; pg < layout_.pages; ++pg)
          if (in.page_dirty(pg)) again.v.set_page(pg, in.page_src(pg), in.page_src(pg), false);
        again.v.set_rounds(in.rounds() + 1);
      }
      return;
    }
    case StepOp::save: {
      Step st = fresh(ActionKind::vmm_step, dev, 0);
      FlagSet f = table_.flags[in.src_state(dev)];
      if (!has(f, Flag::save_session) || !has(f, Flag::final_save) || in.flag(kStreamBroken)) {
        st.fail_migration();  // the read fails: no save session (e.g. killed by a reset)
        return;
      }
      st.v.set_sent_ver(dev, in.src_ver(dev));
      st.v.set_dflag(dev, kSaved, true);
      st.advance();
      return;
    }
    case StepOp::load: {
      Step st = fresh(ActionKind::vmm_step, dev, 0);
      bool ok = !in.flag(kStreamBroken) && in.dflag(dev, kSaved) && has(table_.flags[in.dst_state(dev)], Flag::resuming);
      if (!ok) {
        st.fail_migration();
        return;
      }
      st.v.set_dst_ver(dev, in.sent_ver(dev));
      st.v.set_dflag(dev, kLoaded, true);
      st.advance();
      if (in.faults() < params_.faults) {  // the destination rejects the data
        Step f = fresh(ActionKind::load_fails, dev, 0);
        f.v.add_fault();
        f.fail_migration();
      }
      return;
    }
    case StepOp::vm: {
      Step st = fresh(ActionKind::vmm_step, 0, 0);
      st.v.set_flag(step.host == Host::source ? kVmSource : kVmDestination, step.on);
      st.advance();
      return;
    }
    case StepOp::release: {
      Step st = fresh(ActionKind::vmm_step, 0, 0);
      if (table_.reset_to >= 0)
        for (int i = 0; i < layout_.devices; ++i) st.reset_device(false, i);
      st.advance();
      return;
    }
  }
}

std::vector<int> World::failure_states(int from, const Outcome& o) const {
  return migcheck::failure_states(p_.failure, table_.error, from, o.via);
}

}  // namespace migcheck::world
