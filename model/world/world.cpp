#include "model/world/world.hpp"

#include <algorithm>
#include <cstring>

#include "model/features.hpp"

namespace migcheck::world {

uint32_t encode_action(ActionKind k, int program, int pc, int a, int b) {
  return static_cast<uint32_t>(k) << 24 | static_cast<uint32_t>(program & 3) << 22 | static_cast<uint32_t>(pc & 63) << 16 |
         static_cast<uint32_t>(a & 255) << 8 | static_cast<uint32_t>(b & 255);
}

namespace {
struct Decoded {
  ActionKind kind;
  int program, pc, a, b;
};
Decoded decode(uint32_t x) {
  return {static_cast<ActionKind>(x >> 24), static_cast<int>((x >> 22) & 3), static_cast<int>((x >> 16) & 63),
          static_cast<int>((x >> 8) & 255), static_cast<int>(x & 255)};
}

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
    bool resumed = false;
    for (int i = 0; i < w.layout_.devices; ++i) resumed |= v.dflag(i, kLoading);
    v.set_flag(kDestinationResumed, resumed);
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

  void enter(bool src, int i, int state) {
    v.set_state(src, i, state);
    if (!src && has(t().flags[state], Flag::resuming)) v.set_dflag(i, kLoading, true);
  }

  // After a failed request left device i in `left` (QEMU vfio_migration_set_state, §5.1).
  void recover(int i, int from, int left) {
    bool src = source();
    v.set_state(src, i, left);
    if (step.recover == Recover::reset) {
      reset_device(src, i);
    } else if (step.recover == Recover::original || step.recover == Recover::state) {
      int r = step.recover == Recover::original ? from : step.recover_state;
      const Outcome o = w.outcome(left, r);
      if (o.kind == OutcomeKind::undefined) v.set_mode(Mode::undefined);
      else if (o.kind == OutcomeKind::transition) enter(src, i, o.to);
      else reset_device(src, i);  // the recover request failed too: reset
    } else if (left == t().error) {
      if (w.p_.flow.crash_on_error_state) v.set_mode(Mode::crashed);  // QEMU v1: hw_error (§2.7)
      else reset_device(src, i);
    }
    if (v.mode() == Mode::migrating || v.mode() == Mode::aborting) fail_migration();
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
      Step st = fresh(ActionKind::vmm_step, dev, 0);
      if (o.kind == OutcomeKind::undefined) {
        st.v.set_mode(Mode::undefined);
        return;
      }
      if (o.kind == OutcomeKind::reject) {
        st.recover(dev, from, from);
        return;
      }
      if (has(table_.flags[from], Flag::error) && o.to != from) st.v.set_mark(kMarkErrorLeft);
      if (static_cast<int>(o.via.size()) + 1 >= table_.n) st.v.set_mark(kMarkLongWalk);
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
      // S4: the final state is read only while nothing can change it.
      bool quiet = !has(f, Flag::runs) && !has(f, Flag::dma);
      for (int j = 0; j < layout_.devices; ++j)
        if (j != dev && has(table_.flags[in.src_state(j)], Flag::p2p_initiate) && !in.dflag(j, kIdle)) quiet = false;
      if (!quiet) st.v.set_mark(kMarkUnquiescedSave);
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

// ---------------------------------------------------------------- environment

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

void World::faults(View in, engine::Successors& out) const {
  if (in.faults() >= params_.faults) return;
  auto copy = [&](ActionKind k, int a, int b) {
    uint8_t* s = out.add(encode_action(k, 0, 0, a, b));
    std::memcpy(s, in.b, layout_.bytes());
    MutView v{{s, layout_}};
    v.add_fault();
    return v;
  };
  if (in.mode() == Mode::migrating && !in.flag(kStreamBroken)) copy(ActionKind::stream_break, 0, 0).set_flag(kStreamBroken, true);
  if (table_.reset_to < 0) return;  // the design does not say what reset does: not injected
  for (int host = 0; host < 2; ++host)
    for (int i = 0; i < layout_.devices; ++i) {
      copy(ActionKind::reset, host, i).reset_device(host == 0, i, table_.reset_to);
    }
}

void World::successors(engine::StateView s, engine::Successors& out) const {
  View in = view(s);
  Mode m = in.mode();
  if (m == Mode::migrating || m == Mode::aborting) {
    vmm_step(in, out);
    environment(in, out);
    faults(in, out);
    if (m == Mode::migrating && !in.flag(kCancelled) && in.pc() <= last_source_step_) {
      uint8_t* c = out.add(encode_action(ActionKind::cancel, 0, in.pc(), 0, 0));
      std::memcpy(c, s, layout_.bytes());
      MutView v{{c, layout_}};
      bool resumed = false;
      for (int i = 0; i < layout_.devices; ++i) resumed |= in.dflag(i, kLoading);
      v.set_flag(kCancelled, true);
      v.set_flag(kDestinationResumed, resumed);
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
    v.set_flag(kStreamBroken | kLogging | kCancelled | kDestinationResumed | kP2PApplied, false);
    for (int i = 0; i < layout_.devices; ++i) {
      v.set_sent_ver(i, 0);
      v.set_dst_ver(i, 0);
      v.set_dflag(i, kSaved | kLoaded | kLoading | kLost | kChanged, false);
    }
    for (int pg = 0; pg < layout_.pages; ++pg) v.set_page(pg, in.page_src(pg), 0, true);
  }
}

// ---------------------------------------------------------------- predicates

bool World::source_intact(View v) const {
  if (v.mode() != Mode::aborted || !v.flag(kVmSource) || v.flag(kVmDestination)) return false;
  for (int i = 0; i < layout_.devices; ++i)
    if (!runs(v.src_state(i)) || v.dflag(i, kLost)) return false;
  return true;
}

bool World::destination_complete(View v) const {
  if (v.mode() != Mode::succeeded || v.flag(kVmSource)) return false;
  for (int pg = 0; pg < layout_.pages; ++pg)
    if (v.page_dst(pg) != v.page_src(pg)) return false;
  for (int i = 0; i < layout_.devices; ++i)
    if (!v.dflag(i, kLoaded) || v.dflag(i, kChanged) || v.dflag(i, kLost)) return false;
  return true;
}

// ---------------------------------------------------------------- names

std::vector<uint16_t> World::value_bounds() const {
  // Each bound is the number of values the byte can take; the explorer's
  // packer rejects a state that breaks one (an internal error, never a
  // silently wrong state).
  size_t longest = std::max({migrate_.size(), abort_.size(), cancel_.size()});
  auto count = [](size_t n) { return static_cast<uint16_t>(std::min<size_t>(n, 256)); };
  std::vector<uint16_t> b(layout_.bytes(), 256);
  b[0] = count(static_cast<size_t>(Mode::undefined) + 1);
  b[1] = count(static_cast<size_t>(Program::cancel) + 1);
  b[2] = count(longest + 1);                           // pc: a step, or the end of the program
  b[3] = count(static_cast<size_t>(layout_.devices));  // cursor: the device a per-device step is at
  b[4] = 128;                                          // header flags: 7 bits
  b[5] = count(static_cast<size_t>(params_.faults) + 1);
  b[6] = count(static_cast<size_t>(params_.attempts));  // attempts after the first: 0 .. attempts - 1
  b[7] = count(static_cast<size_t>(params_.rounds));    // rounds repeated: 0 .. rounds - 1
  b[8] = 8;                                             // monitor marks: 3 bits
  b[9] = count(migrate_.size() + 2);                    // cancel_pc: 0, or the migrate pc + 1
  for (int i = 0; i < layout_.devices; ++i) {
    const size_t d = Layout::kHeader + Layout::kDevice * static_cast<size_t>(i);
    b[d] = b[d + 1] = count(static_cast<size_t>(table_.n));  // source and destination device states
    b[d + 2] = b[d + 3] = b[d + 4] = count(static_cast<size_t>(params_.versions) + 1);
    b[d + 5] = 64;  // device flags: 6 bits
  }
  for (int p = 0; p < layout_.pages; ++p)
    b[Layout::kHeader + Layout::kDevice * static_cast<size_t>(layout_.devices) + static_cast<size_t>(p)] = 128;
  return b;
}

std::string World::symmetry_unavailable() const {
  return "the world's devices are not interchangeable: at every step the VMM takes a host's devices one at a time "
         "in device-list order (QEMU walks its list of VFIO devices), so exchanging two devices changes which one "
         "is stopped, saved or resumed first and what their P2P writes meet";
}

std::string World::action_name(uint32_t action) const {
  Decoded d = decode(action);
  auto src_dev = [&](int i) { return "source device " + std::to_string(i); };
  auto step_label = [&] {
    const auto& prog = program(static_cast<Program>(d.program));
    std::string name = d.program == 0 ? "migrate" : d.program == 1 ? "abort" : "cancel";
    if (d.pc >= static_cast<int>(prog.size())) return name + " step " + std::to_string(d.pc);
    return name + " step " + std::to_string(d.pc + 1) + " (" + prog[static_cast<size_t>(d.pc)].label + ")";
  };
  switch (d.kind) {
    case ActionKind::vmm_step: {
      std::string s = "vmm: " + step_label();
      const auto& prog = program(static_cast<Program>(d.program));
      if (d.pc < static_cast<int>(prog.size()) && per_device(prog[static_cast<size_t>(d.pc)].op))
        s += ", device " + std::to_string(d.a);
      return s;
    }
    case ActionKind::request_fails:
      return "fault: " + step_label() + " fails for device " + std::to_string(d.a) +
             (d.b == 255 ? ", leaving an unspecified state" : ", leaving it in " + p_.states[static_cast<size_t>(d.b)].name);
    case ActionKind::repeat_round: return "vmm: " + step_label() + ", another pre-copy round";
    case ActionKind::guest_write: return "guest writes page " + std::to_string(d.a);
    case ActionKind::dma: return src_dev(d.a) + " DMA-writes page " + std::to_string(d.b);
    case ActionKind::progress: return src_dev(d.a) + " changes its internal state";
    case ActionKind::p2p: return src_dev(d.a) + " writes into the BAR of " + src_dev(d.b);
    case ActionKind::stream_break: return "fault: the migration stream breaks";
    case ActionKind::load_fails: return "fault: destination device " + std::to_string(d.a) + " rejects its data";
    case ActionKind::reset:
      return std::string("fault: ") + (d.a == 0 ? "source" : "destination") + " device " + std::to_string(d.b) +
             " is reset behind the VMM's back";
    case ActionKind::cancel: return "operator cancels the migration";
    case ActionKind::retry: return "vmm: retries the migration";
    case ActionKind::reprogram: return "guest driver reprograms " + src_dev(d.a) + " after its reset";
  }
  return "?";
}

}  // namespace migcheck::world
