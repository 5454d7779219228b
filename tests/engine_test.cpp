// The generic engine on a toy model whose state space is known by hand:
// two counters a, b in 0..3; actions: a+1, b+1 (each while < 3), and reset
// both to 0 only from (3, 0). 16 states; (3, 3) is a dead end.
#include <gtest/gtest.h>

#include <atomic>

#include "checker/engine/explorer.hpp"

namespace migcheck::engine {
namespace {

class Counters : public Model {
 public:
  size_t state_bytes() const override { return 2; }
  std::vector<std::vector<uint8_t>> initial_states() const override { return {{0, 0}}; }
  void successors(StateView s, Successors& out) const override {
    if (s[0] < 3) {
      uint8_t* n = out.add(0);
      n[0] = s[0] + 1, n[1] = s[1];
    }
    if (s[1] < 3) {
      uint8_t* n = out.add(1);
      n[0] = s[0], n[1] = s[1] + 1;
    }
    if (s[0] == 3 && s[1] == 0) {
      uint8_t* n = out.add(2);
      n[0] = 0, n[1] = 0;
    }
  }
  std::string action_name(uint32_t a) const override { return a == 0 ? "a+1" : a == 1 ? "b+1" : "reset"; }
  std::vector<Property> properties() const override {
    auto prop = [](const char* id, const char* text, PropertyKind k, std::function<bool(StateView)> pred) {
      Property p;
      p.id = id, p.description = text, p.kind = k, p.predicate = std::move(pred);
      return p;
    };
    std::vector<Property> out = {
        prop("sum", "a + b < 5", PropertyKind::always, [](StateView s) { return s[0] + s[1] < 5; }),
        prop("small", "a + b < 7", PropertyKind::always, [](StateView s) { return s[0] + s[1] < 7; }),
        prop("corner", "reach (3, 3)", PropertyKind::reachable, [](StateView s) { return s[0] == 3 && s[1] == 3; }),
        prop("never", "reach (4, 4)", PropertyKind::reachable, [](StateView s) { return s[0] == 4; }),
        prop("home", "always back to (0, 0)", PropertyKind::recoverable, [](StateView s) { return s[0] == 0 && s[1] == 0; }),
        prop("home-from-a", "back to (0, 0) from b == 0", PropertyKind::recoverable,
             [](StateView s) { return s[0] == 0 && s[1] == 0; }),
        prop("na", "cannot be posed", PropertyKind::always, {}),
        // premises: a situation that occurs, one that never does, and a model without the thing
        prop("small-at-corner", "a + b < 7 once a == 3", PropertyKind::always, [](StateView s) { return s[0] + s[1] < 7; }),
        prop("small-at-four", "a + b < 7 once a == 4", PropertyKind::always, [](StateView s) { return s[0] + s[1] < 7; }),
        prop("home-from-four", "back to (0, 0) from a == 4", PropertyKind::recoverable,
             [](StateView s) { return s[0] == 0 && s[1] == 0; }),
        prop("error-free", "no error state", PropertyKind::always, [](StateView) { return true; }),
    };
    out[5].scope = [](StateView s) { return s[1] == 0; };
    out[6].not_expressible = "not for this model";
    out[7].premise = [](StateView s) { return s[0] == 3; };
    out[7].premise_text = "a reaches 3";
    out[8].premise = [](StateView s) { return s[0] == 4; };
    out[8].premise_text = "a reaches 4";
    out[9].scope = [](StateView s) { return s[0] == 4; };
    out[9].premise_text = "a reaches 4";
    out[10].not_applicable = "the counters have no error state";
    return out;
  }
  bool nominal(StateView s) const override { return s[0] < 3; }  // before a is full
};

const PropertyResult& find(const Exploration& e, const std::string& id) {
  for (const auto& r : e.results())
    if (r.id == id) return r;
  throw std::runtime_error("no " + id);
}

TEST(Engine, ExactCountsAndShortestCounterexample) {
  Counters m;
  Exploration e(m, {});
  e.run();
  EXPECT_TRUE(e.complete());
  EXPECT_EQ(e.stats().states, 16u);
  EXPECT_EQ(e.stats().transitions, 25u);  // 12 a+1, 12 b+1, 1 reset
  EXPECT_EQ(e.stats().depth, 6u);
  const auto& sum = find(e, "sum");
  EXPECT_EQ(sum.verdict, Verdict::violated);
  EXPECT_EQ(sum.states.size(), 6u);  // 5 steps: the shortest way to a + b == 5
  EXPECT_EQ(find(e, "small").verdict, Verdict::holds);
  EXPECT_EQ(find(e, "corner").verdict, Verdict::holds);
  EXPECT_EQ(find(e, "never").verdict, Verdict::violated);
  EXPECT_EQ(find(e, "na").verdict, Verdict::not_expressible);
}

TEST(Engine, RecoverableFindsDeadEndAndShowsWhereItSticks) {
  Counters m;
  Exploration e(m, {});
  e.run();
  const auto& home = find(e, "home");
  ASSERT_EQ(home.verdict, Verdict::violated);
  // (0, 1) is the first state in BFS order that cannot return; the trace then runs on to (3, 3).
  const uint8_t* first_bad = home.states[1].data();
  EXPECT_EQ(first_bad[0], 0);
  EXPECT_EQ(first_bad[1], 1);
  const uint8_t* last = home.states.back().data();
  EXPECT_EQ(last[0], 3);
  EXPECT_EQ(last[1], 3);
  EXPECT_EQ(home.actions.size(), home.states.size());
  // Restricted to b == 0 every state can go a+1 ... to (3, 0) and reset.
  EXPECT_EQ(find(e, "home-from-a").verdict, Verdict::holds);
}

TEST(Engine, APropertyWhoseSituationNeverOccursIsVacuousNotHolds) {
  Counters m;
  Exploration e(m, {});
  e.run();
  EXPECT_EQ(find(e, "small-at-corner").verdict, Verdict::holds);
  EXPECT_EQ(find(e, "small-at-corner").premise_reached, 1);
  EXPECT_EQ(find(e, "small-at-four").verdict, Verdict::vacuous);
  EXPECT_EQ(find(e, "small-at-four").premise_reached, 0);
  EXPECT_NE(find(e, "small-at-four").reason.find("a reaches 4"), std::string::npos);
  EXPECT_EQ(find(e, "home-from-four").verdict, Verdict::vacuous);
  EXPECT_EQ(find(e, "error-free").verdict, Verdict::not_applicable);
  EXPECT_EQ(find(e, "error-free").reason, "the counters have no error state");
  // A violated property stays violated whatever its premise says.
  EXPECT_EQ(find(e, "sum").verdict, Verdict::violated);
  // The premise queries are the engine's own business: not in the results.
  for (const auto& r : e.results()) EXPECT_EQ(r.id.find("#premise"), std::string::npos) << r.id;
}

TEST(Engine, CoverageSeparatesNominalActions) {
  Counters m;
  Options o;
  o.coverage = true;
  Exploration e(m, {}, o);
  e.run();
  EXPECT_EQ(e.actions_seen(), (std::vector<uint32_t>{0, 1, 2}));
  // From states with a < 3 only a+1 and b+1 are taken; reset needs (3, 0).
  EXPECT_EQ(e.nominal_actions_seen(), (std::vector<uint32_t>{0, 1}));
  Exploration off(m, {});
  off.run();
  EXPECT_TRUE(off.actions_seen().empty());
}

TEST(Engine, ALimitNeverGivesHolds) {
  Counters m;
  Exploration e(m, {5, 0, 0});
  e.run();
  EXPECT_FALSE(e.complete());
  EXPECT_NE(e.stop_reason().find("--max-states 5"), std::string::npos);
  EXPECT_EQ(find(e, "small").verdict, Verdict::unknown);
  EXPECT_EQ(find(e, "home").verdict, Verdict::unknown);
  EXPECT_EQ(find(e, "never").verdict, Verdict::unknown);
  EXPECT_EQ(find(e, "small-at-four").verdict, Verdict::unknown);  // not vacuous: the search was cut short
}

TEST(Engine, AnInterruptStopsTheSearchWithAPartialReport) {
  Counters m;
  std::atomic<bool> stop{true};  // as if SIGINT arrived before the first block
  Limits limits;
  limits.interrupt = &stop;
  Exploration e(m, limits);
  e.run();
  EXPECT_FALSE(e.complete());
  EXPECT_EQ(e.stop_reason(), "interrupted by a signal");
  EXPECT_EQ(find(e, "small").verdict, Verdict::unknown);
  EXPECT_EQ(find(e, "home").verdict, Verdict::unknown);
  EXPECT_NE(find(e, "home").reason.find("interrupted"), std::string::npos);
}

TEST(Engine, Deterministic) {
  Counters m;
  Exploration a(m, {}), b(m, {});
  a.run();
  b.run();
  for (size_t i = 0; i < a.results().size(); ++i) {
    EXPECT_EQ(a.results()[i].states, b.results()[i].states);
    EXPECT_EQ(a.results()[i].actions, b.results()[i].actions);
  }
}

}  // namespace
}  // namespace migcheck::engine
