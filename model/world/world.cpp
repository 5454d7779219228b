// The world's frame: its programs for one feature set, the initial state,
// who may move in a state (the two VMMs, the environment, faults, the
// operator), a new attempt after a failed one, and the predicates the
// properties share.
#include "model/world/world.hpp"

#include <cstring>

namespace migcheck::world {

// kind: 5 bits, host: 1, program: 2, pc: 6, a: 9, b: 9.
uint32_t encode_action(ActionKind k, Host host, int program, int pc, int a, int b) {
  return static_cast<uint32_t>(k) << 27 | static_cast<uint32_t>(host == Host::destination) << 26 |
         static_cast<uint32_t>(program & 3) << 24 | static_cast<uint32_t>(pc & 63) << 18 |
         static_cast<uint32_t>(a & 511) << 9 | static_cast<uint32_t>(b & 511);
}

DecodedAction decode_action(uint32_t x) {
  return {static_cast<ActionKind>(x >> 27), (x >> 26) & 1 ? Host::destination : Host::source,
          static_cast<int>((x >> 24) & 3), static_cast<int>((x >> 18) & 63), static_cast<int>((x >> 9) & 511),
          static_cast<int>(x & 511)};
}

bool is_fault(ActionKind k) {
  return k == ActionKind::request_fails || k == ActionKind::recover_fails || k == ActionKind::reset_fails ||
         k == ActionKind::stream_break || k == ActionKind::load_fails || k == ActionKind::host_reset ||
         k == ActionKind::guest_reset;
}

bool per_device(StepOp op) {
  return op == StepOp::request || op == StepOp::save || op == StepOp::load || op == StepOp::close_fds;
}

namespace {
// The steps of one program active in feature set f, with their handler
// groups: consecutive steps of one group run for a device before the next.
HostProgram resolve(const std::vector<FlowStep>& steps, FeatureSet f) {
  HostProgram out;
  for (const auto& s : steps)
    if (s.when.holds(f)) out.steps.push_back(s);
  const int n = static_cast<int>(out.steps.size());
  out.first.resize(out.steps.size());
  out.last.resize(out.steps.size());
  for (int k = 0; k < n; ++k) {
    const int g = out.steps[static_cast<size_t>(k)].group;
    int a = k, b = k;
    if (g >= 0) {
      while (a > 0 && out.steps[static_cast<size_t>(a - 1)].group == g) --a;
      while (b + 1 < n && out.steps[static_cast<size_t>(b + 1)].group == g) ++b;
    }
    out.first[static_cast<size_t>(k)] = a;
    out.last[static_cast<size_t>(k)] = b;
  }
  return out;
}
}  // namespace

World::World(const Proposal& p, Params params, const RequestOracle* oracle)
    : p_(p), params_(params), table_(build_table(p, params.features)), layout_{params.devices, params.pages}, oracle_(oracle) {
  for (Host h : {Host::source, Host::destination}) {
    const HostFlow& hf = p.flow.host(h);
    const int x = h == Host::source ? 0 : 1;
    programs_[x][0] = resolve(hf.migrate, params.features);
    programs_[x][1] = resolve(hf.abort, params.features);
    programs_[x][2] = resolve(hf.cancel, params.features);
    programs_[x][3] = resolve(hf.resume, params.features);
  }
  const auto& src = programs_[0][0].steps;
  last_cancellable_ = static_cast<int>(src.size()) - 1;
  for (size_t k = 0; k < src.size(); ++k)
    if (src[k].op == StepOp::complete) {
      last_cancellable_ = static_cast<int>(k);
      break;
    }
}

std::string World::blocked_by_vmm() const {
  for (const auto& b : p_.flow.blockers)
    if (layout_.devices > b.above_devices && b.when.holds(params_.features)) return b.reason;
  return "";
}

std::vector<std::vector<uint8_t>> World::initial_states() const {
  std::vector<uint8_t> s(layout_.bytes(), 0);
  MutView v{{s.data(), layout_}};
  v.start(Host::source, HostMode::running, Program::migrate);
  v.start(Host::destination, HostMode::running, Program::migrate);
  v.set_flag(kVmSource, true);
  for (int i = 0; i < layout_.devices; ++i) {
    v.set_state(true, i, p_.flow.running_state);  // the source VM already runs (domain.md §4)
    v.set_cache(true, i, p_.flow.running_state);
    v.set_state(false, i, table_.initial);  // a freshly opened destination device
    v.set_cache(false, i, initial_cache());
  }
  for (int pg = 0; pg < layout_.pages; ++pg) v.set_page(pg, false, true);  // the destination's RAM is empty: all dirty
  return {s};
}

void World::successors(engine::StateView s, engine::Successors& out) const {
  View in = view(s);
  if (in.flag(kUndefined)) return;  // the design says nothing about what happens next
  const size_t before = out.size();
  if (settled(in) || (!destination_alone(in, out) && !source_alone(in, out))) {
    if (!settled(in)) {
      for (Host h : {Host::source, Host::destination})
        if (in.busy(h)) {
          if (in.phase(h) == Phase::none) vmm_step(h, in, out);
          else recovery_step(h, in, out);
        }
      // The guest, the devices and faults are modelled while the source VMM
      // runs (as before the VMMs were split): once it has completed or
      // failed back, only the destination VMM finishes its program.
      if (in.busy(Host::source)) {
        environment(in, out);
        faults(in, out);
      }
    }
    operator_and_retry(in, out);
  }
  // R1's scope is the state right after the cancel, nothing later.
  if (in.mark(kMarkJustCancelled))
    for (size_t k = before; k < out.size(); ++k)
      MutView{{out.states.data() + k * layout_.bytes(), layout_}}.clear_mark(kMarkJustCancelled);
}

// The operator's cancel (until the source completes) and the VMMs' new
// attempt after a failed one.
void World::operator_and_retry(View in, engine::Successors& out) const {
  auto copy = [&](ActionKind k) {
    uint8_t* c = out.add(encode_action(k, Host::source, 0, in.pc(Host::source), 0, 0));
    std::memcpy(c, in.b, layout_.bytes());
    return MutView{{c, layout_}};
  };
  if (cancellable(in)) {
    MutView v = copy(ActionKind::cancel);
    v.set_flag(kCancelled, true);
    v.set_mark(kMarkJustCancelled);
    v.set_cancel_pc(in.pc(Host::source) + 1);
    v.start(Host::source, HostMode::aborting, Program::cancel);
    v.set_stream(kStreamBroken, true);  // migrate_fd_cancel shuts the stream down
    v.set_rounds(0);
  }
  if (settled(in) && in.mode(Host::source) == HostMode::failed && in.attempts() + 1 < params_.attempts) {
    MutView v = copy(ActionKind::retry);
    v.start(Host::source, HostMode::running, Program::migrate);
    v.start(Host::destination, HostMode::running, Program::migrate);
    v.set_rounds(0);
    v.set_attempts(in.attempts() + 1);
    v.set_cancel_pc(0);
    v.set_flag(kLogging | kCancelled | kDestinationResumed | kP2PApplied, false);
    v.set_stream(0xff, false);
    // A new attempt: the source keeps what happened to its devices (a lost
    // P2P write, a wiped state, a pending reprogram: review C.3) and its
    // VMM's view of them; the destination is a new process that opens its
    // devices afresh.
    for (int i = 0; i < layout_.devices; ++i) {
      v.set_dflag(i, kSaved | kLoaded | kLoading | kChanged | kDstLost, false);
      v.set_state(false, i, table_.initial);
      v.set_cache(false, i, initial_cache());
      v.set_fd(i, fd_held(false) | fd_dead(false) | error_running(false) | error_initiating(false), false);
    }
    for (int pg = 0; pg < layout_.pages; ++pg) v.set_page(pg, false, true);  // its RAM is empty: every page is sent
  }
}

// ---------------------------------------------------------------- predicates

bool World::load_under_way(View v) const {
  for (int i = 0; i < layout_.devices; ++i)
    if (!v.dflag(i, kLoaded) && (v.dflag(i, kLoading) || has(table_.flags[v.dst_state(i)], Flag::resuming))) return true;
  return false;
}

bool World::source_intact(View v) const {
  if (v.mode(Host::source) != HostMode::failed || !v.flag(kVmSource) || v.flag(kVmDestination)) return false;
  for (int i = 0; i < layout_.devices; ++i)
    if (!runs(v.src_state(i)) || v.dflag(i, kLost) || v.dflag(i, kWiped)) return false;
  return true;
}

bool World::destination_complete(View v) const {
  if (v.mode(Host::source) != HostMode::done || v.mode(Host::destination) != HostMode::done || v.flag(kVmSource) ||
      !v.flag(kVmDestination))
    return false;
  for (int pg = 0; pg < layout_.pages; ++pg)
    if (!v.page_current(pg)) return false;
  for (int i = 0; i < layout_.devices; ++i)
    if (!v.dflag(i, kLoaded) || v.dflag(i, kChanged) || v.dflag(i, kLost) || v.dflag(i, kWiped) || v.dflag(i, kDstLost))
      return false;
  return true;
}

// ---------------------------------------------------------------- requests

std::vector<int> World::failure_states(int from, const Outcome& o) const {
  std::vector<int> out = migcheck::failure_states(p_.failure, table_.error, from, o.via);
  // v2: the kernel can fail after reaching a target that opens a data
  // session (the fd cannot be installed: vfio_ioct_mig_return_fd() fputs it
  // and returns the error), leaving the device in the target (review C.7).
  if (p_.flow.data_fd && opens_session(from, o)) {
    bool seen = false;
    for (int s : out) seen |= s == o.to;
    if (!seen) out.push_back(o.to);
  }
  return out;
}

// `via` is the set of states the walk passes: a walk into a session state
// opens a new session unless it stays within sessions all the way (v2's
// PRE_COPY -> PRE_COPY_P2P -> STOP_COPY keeps its data fd).
bool World::opens_session(int from, const Outcome& o) const {
  if (!session(o.to)) return false;
  if (!session(from)) return true;
  for (int s : o.via)
    if (!session(s)) return true;
  return false;
}

}  // namespace migcheck::world
