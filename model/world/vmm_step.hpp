#pragma once
// One VMM step being applied to a copy of the current state: what every
// step kind shares (moving on, failing the migration, crashing, entering a
// device state the way vfio_migration_set_state records it).
#include "model/world/world.hpp"

namespace migcheck::world {

/// Host h's current step being taken from state `in`: each outcome is a copy
/// of `in` added to `out`, led to by an action naming the step.
struct World::StepTaker {
  const World& w;
  View in;
  Host h;
  engine::Successors& out;
  const HostProgram& prog;
  const FlowStep& step;
  StepTaker(const World& world, View state, Host host, engine::Successors& successors)
      : w(world), in(state), h(host), out(successors), prog(world.program(host, state.program(host))),
        step(prog.steps[static_cast<size_t>(state.pc(host))]) {}
  World::Step operator()(ActionKind k, int a, int b) const;
};

struct World::Step {
  const World& w;
  MutView v;
  Host h;
  const HostProgram& prog;
  const FlowStep& step;

  /// The next step: within the handler group, the group for the next device, or the next step.
  void advance();
  /// The step's error policy: fail the migration, report and go on, or crash this VMM.
  void on_error();
  void fail_migration();
  void crash();
  /// Device i is in `state` after a request for `requested` succeeded.
  void enter(int i, int state, int requested);
  /// Device i of this host is in `state` (requested or not).
  void place(int i, int state);
  /// A request for device i failed, leaving it in `left`: recovery follows.
  void failed(int i, int left);
};

}  // namespace migcheck::world
