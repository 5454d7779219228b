// The built-in proposal files load and say what the designs' authors wrote.
#include <gtest/gtest.h>

#include "model/builtin.hpp"
#include "model/device_table.hpp"
#include "checker/input/errors.hpp"
#include "model/features.hpp"

namespace migcheck {
namespace {

TEST(Builtin, FourProposalsInDesignOrder) {
  EXPECT_EQ(builtin_ids(), (std::vector<std::string>{"rfc2018-enum", "rfc2018-bits", "v1-bits", "v2-fsm"}));
}

TEST(Builtin, EveryRuleCitesASource) {
  for (const auto& id : builtin_ids()) {
    Proposal p = load_builtin(id);
    for (const auto& s : p.states) EXPECT_FALSE(s.source.empty()) << id << " " << s.name;
    for (const auto& o : p.outcomes) EXPECT_FALSE(o.source.empty()) << id;
    for (const auto& a : p.arcs) EXPECT_FALSE(a.source.empty()) << id;
    EXPECT_FALSE(p.failure.source.empty()) << id;
    EXPECT_FALSE(p.reset.source.empty()) << id;
  }
}

TEST(V2Fsm, KernelStateValues) {
  Proposal p = load_builtin("v2-fsm");
  const std::vector<std::pair<std::string, uint32_t>> kernel = {
      {"ERROR", 0}, {"STOP", 1}, {"RUNNING", 2}, {"STOP_COPY", 3},
      {"RESUMING", 4}, {"RUNNING_P2P", 5}, {"PRE_COPY", 6}, {"PRE_COPY_P2P", 7}};
  ASSERT_EQ(p.states.size(), kernel.size());
  for (const auto& [name, value] : kernel) EXPECT_EQ(p.states[p.state_index(name)].value, value) << name;
}

// vfio-facts §4.5: the arcs a driver sees, per feature set.
TEST(V2Fsm, DriverArcCountsPerFeatureSet) {
  Proposal p = load_builtin("v2-fsm");
  std::map<std::string, int> expected = {{"none", 6}, {"p2p", 8}, {"precopy", 9}, {"p2p+precopy", 15}};
  for (FeatureSet f : p.feature_sets()) {
    int arcs = 0;
    for (const auto& a : p.arcs) arcs += a.when.holds(f);
    EXPECT_EQ(arcs, expected[feature_set_name(p, f)]) << feature_set_name(p, f);
  }
}

TEST(V1Bits, DocumentedFlowsAreTheOnlyTransitions) {
  Proposal p = load_builtin("v1-bits");
  DeviceTable t = build_table(p, 0);
  int transitions = 0;
  for (const auto& o : t.outcomes) transitions += o.kind == OutcomeKind::transition;
  EXPECT_EQ(transitions, 7);
  // QEMU's cancel writes RUNNING from stop-and-copy: not a documented flow.
  EXPECT_EQ(t.at(p.state_index("SAVING"), p.state_index("RUNNING")).kind, OutcomeKind::undefined);
  EXPECT_EQ(t.at(p.state_index("RUNNING"), p.state_index("RESUMING|RUNNING")).kind, OutcomeKind::reject);
}

TEST(Rfc2018Bits, OpenQuestionsAreFeatures) {
  Proposal p = load_builtin("rfc2018-bits");
  FeatureSet merged = parse_feature_list(p, "stopped-is-none");
  EXPECT_EQ(p.states[p.initial_state(0)].name, "NONE");
  EXPECT_EQ(p.states[p.initial_state(merged)].name, "STOPPED");
  EXPECT_FALSE(p.states[p.state_index("NONE")].present.holds(merged));
  FeatureSet inc = parse_feature_list(p, "incremental-read");
  const StateSpec& tracking = p.states[p.state_index("RUNNING|IN_TRACKING")];
  EXPECT_FALSE(has(tracking.flags_in(0), Flag::incremental));
  EXPECT_TRUE(has(tracking.flags_in(inc), Flag::incremental));
}

TEST(Features, UnknownFeatureListsValidOnes) {
  Proposal p = load_builtin("v2-fsm");
  try {
    parse_feature_list(p, "p2p,dirty");
    FAIL() << "accepted an unknown feature";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown feature 'dirty'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("valid features: p2p, precopy"), std::string::npos);
  }
}

TEST(Features, ASetNameParsesBackToTheSet) {
  Proposal p = load_builtin("v2-fsm");
  for (FeatureSet f : p.feature_sets()) EXPECT_EQ(parse_feature_list(p, feature_set_name(p, f)), f);
  EXPECT_EQ(parse_feature_list(p, "precopy,p2p"), parse_feature_list(p, "p2p+precopy"));
}

TEST(Builtin, UnknownProposalListsBuiltins) {
  try {
    load_proposal_arg("v3-fsm");
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("rfc2018-enum, rfc2018-bits, v1-bits, v2-fsm"), std::string::npos);
  }
}

}  // namespace
}  // namespace migcheck
