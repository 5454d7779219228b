// The table derived from each MSM machine equals its proposal file's table,
// and a changed spec is caught with the pair and both outcomes named.
#include <gtest/gtest.h>

#include "model/builtin.hpp"
#include "model/conformance.hpp"
#include "model/proposal_loader.hpp"

namespace migcheck {
namespace {

class Conformance : public ::testing::TestWithParam<std::string> {};

TEST_P(Conformance, MsmMachineMatchesSpecInEveryFeatureSet) {
  Proposal p = load_builtin(GetParam());
  for (const auto& m : check_conformance(p)) ADD_FAILURE() << "[" << m.features << "] " << m.what;
}

INSTANTIATE_TEST_SUITE_P(Builtin, Conformance, ::testing::Values("rfc2018-enum", "rfc2018-bits", "v1-bits", "v2-fsm"));

std::string builtin_text(const std::string& id) {
  for (const auto& f : builtin_proposal_texts())
    if (std::string(f.name) == id + ".json") return f.text;
  return "";
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

TEST(ConformanceMutation, AChangedOutcomeIsNamed) {
  std::string text = replace(builtin_text("v1-bits"),
                             R"({"from": "RESUMING", "request": "RUNNING", "outcome": "transition", "to": "RUNNING")",
                             R"({"from": "RESUMING", "request": "RUNNING", "outcome": "reject")");
  auto mismatches = check_conformance(load_proposal_text("mutant.json", text));
  ASSERT_FALSE(mismatches.empty());
  bool named = false;
  for (const auto& m : mismatches)
    named |= m.what == "(RESUMING, request RUNNING): spec says reject; MSM machine says transition to RUNNING";
  EXPECT_TRUE(named);
}

TEST(ConformanceMutation, AMissingArcChangesPaths) {
  std::string text = replace(builtin_text("v2-fsm"), R"({"from": "RESUMING", "to": "STOP", "source": "§4.4: ends the resume session; validates the data"},)", "");
  auto mismatches = check_conformance(load_proposal_text("mutant.json", text));
  bool named = false;
  for (const auto& m : mismatches)
    named |= m.what == "(RESUMING, request STOP): spec says reject; MSM machine says transition to STOP";
  EXPECT_TRUE(named);
}

TEST(ConformanceMutation, AWrongResetIsNamed) {
  std::string text = replace(builtin_text("v2-fsm"), R"("reset": {"to": "RUNNING")", R"("reset": {"to": "STOP")");
  auto mismatches = check_conformance(load_proposal_text("mutant.json", text));
  ASSERT_FALSE(mismatches.empty());
  EXPECT_EQ(mismatches.front().what, "reset: spec says STOP; MSM machine says RUNNING");
}

}  // namespace
}  // namespace migcheck
