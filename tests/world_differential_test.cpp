// rapidcheck stateful test: the composed world with the reference Boost.MSM
// machines in the loop (every request fired on a machine) against the
// table-driven world the exhaustive checker explores. Commands are the
// world's own actions: VMM steps on both hosts, guest writes, DMA, P2P,
// device progress, cancel, failed requests, stream breaks, load failures,
// resets on both hosts, retries, in random order and number. After every
// step both worlds must be in the same state and agree on every safety
// property; a mismatch is shrunk and printed with both states.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>
#include <rapidcheck/state.h>

#include <map>
#include <optional>

#include "model/builtin.hpp"
#include "model/msm_oracle.hpp"
#include "model/world/property_catalog.hpp"
#include "model/world/world_json.hpp"

namespace migcheck {
namespace {

using world::World;

struct Subject {
  Proposal proposal;
  world::Params params;
  std::unique_ptr<World> tables, machines;
  std::unique_ptr<MsmOracle> oracle;
  std::vector<engine::Property> safety_tables, safety_machines;
};

// A configuration small enough for long random sequences to reach every phase.
Subject& subject(const std::string& id) {
  static std::map<std::string, std::unique_ptr<Subject>> all;
  auto& s = all[id];
  if (!s) {
    s = std::make_unique<Subject>();
    s->proposal = load_builtin(id);
    s->params.devices = 2;
    s->params.pages = 1;
    s->params.faults = 2;
    s->params.features = static_cast<FeatureSet>((FeatureSet{1} << s->proposal.features.size()) - 1);
    s->tables = std::make_unique<World>(s->proposal, s->params);
    s->oracle = std::make_unique<MsmOracle>(s->proposal, s->params.features);
    s->machines = std::make_unique<World>(s->proposal, s->params, s->oracle.get());
    s->safety_tables = world::safety_properties(*s->tables);
    s->safety_machines = world::safety_properties(*s->machines);
  }
  return *s;
}

bool has_successor(const World& w, const std::vector<uint8_t>& s) {
  engine::Successors succ;
  succ.state_bytes = w.state_bytes();
  w.successors(s.data(), succ);
  return succ.size() > 0;
}

std::optional<std::vector<uint8_t>> after(const World& w, const std::vector<uint8_t>& s, uint32_t action) {
  engine::Successors succ;
  succ.state_bytes = w.state_bytes();
  w.successors(s.data(), succ);
  for (size_t i = 0; i < succ.size(); ++i)
    if (succ.actions[i] == action) return std::vector<uint8_t>(succ.state(i), succ.state(i) + succ.state_bytes);
  return std::nullopt;
}

Subject* current = nullptr;  // the subject of the running property

struct TableWorld {
  std::vector<uint8_t> state;
};
struct MachineWorld {
  std::vector<uint8_t> state;
  unsigned modes_reached = 0;  // bit per source HostMode (+ 8 for an undefined request), for the coverage tag
};

constexpr uint32_t kStay = 0xffffffffu;  // a terminal state: nothing happens

struct Act : rc::state::Command<TableWorld, MachineWorld> {
  uint32_t action = 0;
  explicit Act(const TableWorld& m) {
    engine::Successors succ;
    succ.state_bytes = current->tables->state_bytes();
    current->tables->successors(m.state.data(), succ);
    if (succ.size() == 0) {
      action = kStay;
      return;
    }
    // Three picks in four take the first action (the VMM's next step when it
    // has one), so sequences get through the whole migration as well as off it.
    size_t pick = *rc::gen::inRange<size_t>(0, 4 * succ.size());
    action = succ.actions[pick >= succ.size() ? 0 : pick];
  }
  void checkPreconditions(const TableWorld& m) const override {
    const bool enabled =
        action == kStay ? !has_successor(*current->tables, m.state) : after(*current->tables, m.state, action).has_value();
    RC_PRE(enabled);
  }
  void apply(TableWorld& m) const override {
    if (action != kStay) m.state = *after(*current->tables, m.state, action);
  }
  void run(const TableWorld& m, MachineWorld& sut) const override {
    if (action == kStay) {
      const bool terminal = !has_successor(*current->machines, sut.state);
      RC_ASSERT(terminal);
      return;
    }
    auto expected = after(*current->tables, m.state, action);
    auto got = after(*current->machines, sut.state, action);
    RC_ASSERT(got.has_value());
    if (*got != *expected) {
      RC_FAIL("after " + current->tables->action_name(action) + "\ntable-driven world: " +
              world::state_json(*current->tables, current->tables->view(expected->data())).dump() +
              "\nMSM-driven world:   " + world::state_json(*current->machines, current->machines->view(got->data())).dump());
    }
    sut.state = *got;
    const world::View v = current->tables->view(got->data());
    sut.modes_reached |= 1u << static_cast<unsigned>(v.mode(migcheck::Host::source)) | (v.flag(world::kUndefined) ? 1u << 6 : 0u);
    for (size_t i = 0; i < current->safety_tables.size(); ++i)
      RC_ASSERT(current->safety_tables[i].predicate(expected->data()) == current->safety_machines[i].predicate(got->data()));
  }
  void show(std::ostream& os) const override { os << current->tables->action_name(action); }
};

class Differential : public ::testing::TestWithParam<std::string> {};

TEST_P(Differential, MsmWorldEqualsTableWorldAfterEveryStep) {
  current = &subject(GetParam());
  bool ok = rc::check(GetParam() + ": MSM-driven world == table-driven world", [] {
    TableWorld model{current->tables->initial_states().front()};
    MachineWorld sut{current->machines->initial_states().front()};
    // Sequences about six times longer than rapidcheck's default, so they
    // get through a whole migration (about 40 VMM steps), abort and retry.
    auto commands = *rc::gen::scale(6.0, rc::state::gen::commands(model, rc::state::gen::execOneOfWithArgs<Act>()));
    rc::state::runAll(commands, model, sut);
    // Coverage, printed by rapidcheck: the furthest the sequences get.
    const char* names[] = {"migrating", "aborting", "completed", "failed", "crashed", "", "undefined-request"};
    std::string reached;
    for (unsigned m = 2; m < 7; ++m)
      if (sut.modes_reached & (1u << m)) reached += (reached.empty() ? "" : "+") + std::string(names[m]);
    RC_TAG(reached.empty() ? std::string("still migrating or aborting") : reached);
  });
  EXPECT_TRUE(ok);
}

INSTANTIATE_TEST_SUITE_P(Builtin, Differential, ::testing::Values("rfc2018-enum", "rfc2018-bits", "v1-bits", "v2-fsm"));

}  // namespace
}  // namespace migcheck
