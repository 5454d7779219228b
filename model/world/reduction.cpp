// A partial-order reduction of the two VMMs' interleaving.
//
// In a state where the destination VMM's next step d is one of its own
// requests or recovery steps, a VM start, an fd close, or a wait or load
// whose message has arrived, and no destination P2P write is possible, the
// world explores only d's outcomes (its normal one and the failures injected
// into it) and, while faults remain, the host resets of destination devices:
// an ample set. Sound for every property because:
//  - C0: the set is not empty when d is enabled;
//  - C1: every transition outside the set is independent of every
//    transition in it. The environment (guest, source devices) and the
//    source VMM read none of what they write (destination device state, the
//    destination VMM's cache and fds, the destination's load flags) and
//    write nothing they read; a cancel no longer reads destination state
//    (the destination records an abandoned load itself when it fails); the
//    source's `wait for the result` reads the destination's mode, which no
//    outcome in the set may change (checked), nor may one break the stream
//    or fail the migration (checked); destination P2P writes, which read
//    destination device states, must be impossible (checked: only
//    destination steps enable them); the remaining dependency is the fault
//    budget: a source-side fault before d disables d's failure outcomes but
//    commutes with d's normal one (same state either order), and when d's
//    failure outcome runs, no fault ran before it; retry needs both VMMs
//    settled;
//  - C2: d changes no property's predicate, premise or scope (checked on
//    the state and its successor), so it is invisible; S5 is exempt, see
//    invisible();
//  - C3: the world's state graph has no cycle (program counters, faults and
//    attempts only grow; between two VMM steps the environment only sets
//    flags: a page stale or dirty, a device changed or its P2P write lost,
//    and only a guest reprogram clears one, kIdle, which only a fault sets),
//    so no transition is postponed forever.
// Ample sets with C0-C3 preserve the reachability of every state a property
// can tell apart (safety, use cases, premises) and deadlocks; for R2 every
// path from a state to a settled one runs d (the destination must take its
// next step before it settles and d has no alternative), so moving d first
// keeps every good state reachable. tests/reduction_test.cpp compares every
// verdict with the unreduced world on all built-in proposals.
#include "model/world/world.hpp"

namespace migcheck::world {

namespace {
// Steps that read nothing the source or the environment writes once they
// are enabled: a wait or load whose message has arrived (the source cannot
// take a message back; a step blocked on one generates nothing and is
// never alone) proceeds whatever the source does next.
bool local_op(const FlowStep& st) {
  switch (st.op) {
    case StepOp::send: return st.message == Message::result;
    case StepOp::request:
    case StepOp::vm:
    case StepOp::close_fds:
    case StepOp::release:
    case StepOp::load: return true;
    case StepOp::wait: return st.message != Message::result;
    default: return false;
  }
}
}  // namespace

bool World::destination_alone(View in, engine::Successors& out) const {
  constexpr Host d = Host::destination;
  if (!params_.reduce || !in.busy(d)) return false;
  const HostProgram& prog = program(d, in.program(d));
  if (in.phase(d) == Phase::none && !local_op(prog.steps[static_cast<size_t>(in.pc(d))])) return false;
  if (!destination_p2p_writes(in).empty()) return false;
  const size_t before = out.size();
  if (in.phase(d) == Phase::none) vmm_step(d, in, out);
  else recovery_step(d, in, out);
  bool alone = out.size() > before;  // a step blocked on a message is never alone
  if (alone && in.faults() < params_.faults) host_resets(in, out, d);
  // The source reads the destination's mode and the stream only while it
  // runs its migrate program (stream steps, waiting for the result).
  const bool source_listens = in.busy(Host::source) && in.program(Host::source) == Program::migrate;
  for (size_t k = before; alone && k < out.size(); ++k) {
    View next = view(out.state(k));
    const bool unheard = !source_listens || (next.mode(d) == in.mode(d) && next.program(d) == in.program(d) &&
                                             next.streams() == in.streams());
    alone = unheard && (next.flags() & ~kDestinationResumed) == (in.flags() & ~kDestinationResumed) &&
            invisible(in.b, next.b);
  }
  if (!alone) out.actions.resize(before);
  return alone;
}

// The source VMM's step is explored alone when each of its outcomes changes
// only the source VMM's own bookkeeping (program counter, device cursor,
// recovery phase, the data fds it holds) and no cancel is possible (a cancel
// records the source's program counter). Nothing else reads those bytes: the
// environment, the destination and the properties never do, and a reset
// that marks a held fd dead commutes with closing it (both leave no fd).
bool World::source_alone(View in, engine::Successors& out) const {
  constexpr Host s = Host::source;
  if (!params_.reduce || !in.busy(s) || cancellable(in)) return false;
  const size_t before = out.size();
  if (in.phase(s) == Phase::none) vmm_step(s, in, out);
  else recovery_step(s, in, out);
  bool alone = out.size() > before;
  for (size_t k = before; alone && k < out.size(); ++k) alone = only_bookkeeping(in.b, out.state(k), s);
  if (!alone) out.actions.resize(before);
  return alone;
}

bool World::only_bookkeeping(const uint8_t* a, const uint8_t* b, Host h) const {
  const size_t x = View::h(h);
  const uint8_t fd_bits = fd_held(h == Host::source) | fd_dead(h == Host::source);
  for (size_t k = 0; k < layout_.bytes(); ++k) {
    if (a[k] == b[k] || k == x + 2 || k == x + 3 || k == x + 4) continue;
    const bool fd_byte = k >= Layout::kHeader && k < Layout::kHeader + Layout::kDevice * static_cast<size_t>(layout_.devices) &&
                         (k - Layout::kHeader) % Layout::kDevice == Layout::kDeviceFd;
    if (!fd_byte || ((a[k] ^ b[k]) & ~fd_bits) != 0) return false;
  }
  return true;
}

bool World::invisible(const uint8_t* a, const uint8_t* b) const {
  // S5 (and its twin) reads only what destination-side transitions write
  // (destination device states and load flags, the destination VM): the
  // reduction keeps the order of those transitions and never moves another
  // transition before them, so every valuation they reach, and with it every
  // S5 violation and premise, is reached in the reduced world too.
  std::call_once(visible_once_, [this] {
    for (auto& p : properties())
      if (p.id.rfind("S5", 0) != 0) visible_.push_back(std::move(p));
  });
  for (const auto& p : visible_)
    for (const auto* f : {&p.predicate, &p.premise, &p.scope})
      if (*f && (*f)(a) != (*f)(b)) return false;
  return true;
}

}  // namespace migcheck::world
