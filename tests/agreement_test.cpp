// Agreement of the random exploration (MSM machines in the loop) with the
// exhaustive checker, default configuration, every built-in proposal and
// every safety property: a violation `check` reports replays through the
// MSM-driven world and breaks the property at the same step, and random
// walks find a violation of it within the budget (the runs needed are
// printed); where `check` says holds, no random walk breaks it.
#include <gtest/gtest.h>

#include <iostream>

#include "checker/engine/simulator.hpp"
#include "model/builtin.hpp"
#include "model/msm_oracle.hpp"
#include "model/world/check.hpp"
#include "model/world/property_catalog.hpp"

namespace migcheck {
namespace {

constexpr uint64_t kRuns = 4000;
constexpr uint32_t kSteps = 150;

class Agreement : public ::testing::TestWithParam<std::string> {};

TEST_P(Agreement, RandomWalksAgreeWithTheExhaustiveChecker) {
  Proposal p = load_builtin(GetParam());
  world::Params q;
  q.features = static_cast<FeatureSet>((FeatureSet{1} << p.features.size()) - 1);
  world::CheckResult r = world::run_check(p, q, {});
  MsmOracle oracle(p, q.features);
  world::World machines(p, q, &oracle);
  std::vector<engine::Property> safety = world::safety_properties(machines);

  // One set of walks serves every property: the run at which each first breaks.
  engine::SimulationOptions so{20261127, kRuns, kSteps, 75};  // 3 picks in 4 take the VMM's next step
  std::vector<int64_t> found(safety.size(), -1);
  for (uint64_t run = 0; run < kRuns; ++run) {
    engine::Walk w = engine::random_walk(machines, so, run);
    for (size_t i = 0; i < safety.size(); ++i)
      if (found[i] < 0 && engine::first_violation(w, safety[i]) >= 0) found[i] = static_cast<int64_t>(run);
  }

  for (size_t i = 0; i < safety.size(); ++i) {
    const auto& prop = safety[i];
    const world::PropertyVerdict* v = nullptr;
    for (const auto& x : r.verdicts)
      if (x.id == prop.id) v = &x;
    ASSERT_NE(v, nullptr) << prop.id;
    SCOPED_TRACE(p.id + " " + prop.id);
    if (v->verdict == engine::Verdict::violated) {
      engine::Walk replayed = engine::replay(machines, v->actions);
      ASSERT_EQ(replayed.states.size(), v->states.size()) << "the counterexample does not replay through the MSM world";
      EXPECT_EQ(engine::first_violation(replayed, prop), static_cast<int>(v->states.size()) - 1);
      EXPECT_GE(found[i], 0) << "no random walk found the violation in " << kRuns << " runs";
      std::cout << "[agreement] " << p.id << " " << prop.id << ": violated; check: " << v->states.size() - 1
                << " steps; random walks: found in run " << found[i] + 1 << "\n";
    } else {
      EXPECT_EQ(found[i], -1) << "a random walk breaks a property the checker says holds";
      std::cout << "[agreement] " << p.id << " " << prop.id << ": holds; no violation in " << kRuns << " random runs\n";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Builtin, Agreement, ::testing::Values("rfc2018-enum", "rfc2018-bits", "v1-bits", "v2-fsm"));

}  // namespace
}  // namespace migcheck
