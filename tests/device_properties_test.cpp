// Device-level properties of every reference MSM machine, under random
// sequences of requests, injected driver failures and resets (rapidcheck):
//  - the device never holds an encoding its proposal calls invalid;
//  - a device in the error state changes only through reset;
//  - an undefined (state, request) pair never fires silently: the machine
//    reports it as undefined and its state does not move;
//  - every step agrees with the proposal file's table.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "model/builtin.hpp"
#include "model/device.hpp"
#include "model/device_table.hpp"

namespace migcheck {
namespace {

struct Subject {
  Proposal proposal;
  std::vector<DeviceTable> tables;  // one per feature set
};

const std::vector<Subject>& subjects() {
  static const std::vector<Subject> all = [] {
    std::vector<Subject> out;
    for (const auto& id : builtin_ids()) out.push_back({load_builtin(id), {}});
    for (auto& s : out)
      for (FeatureSet f : s.proposal.feature_sets()) s.tables.push_back(build_table(s.proposal, f));
    return out;
  }();
  return all;
}

Device device_for(const Proposal& p, FeatureSet f) {
  std::vector<std::string> names;
  for (size_t i = 0; i < p.features.size(); ++i)
    if (f & (FeatureSet{1} << i)) names.push_back(p.features[i].name);
  return make_device(p.id, names);
}

// op < n: request state op; op == n: driver failure; op == n + 1: reset.
void run_sequence(const Subject& s, const DeviceTable& t, const std::vector<int>& ops) {
  const Proposal& p = s.proposal;
  Device d = device_for(p, t.features);
  for (int op : ops) {
    int before = p.state_index(d.state());
    RC_ASSERT(before >= 0);
    bool in_error = has(t.flags[before], Flag::error);
    if (op < t.n) {
      if (!t.present[op]) continue;
      RequestResult r = d.request(p.states[op].name);
      int after = p.state_index(d.state());
      const Outcome& expected = t.at(before, op);
      RC_ASSERT(r.kind == expected.kind);
      if (r.kind == OutcomeKind::undefined || r.kind == OutcomeKind::reject) RC_ASSERT(after == before);
      if (r.kind == OutcomeKind::transition) RC_ASSERT(after == expected.to);
      if (in_error) RC_ASSERT(after == before);
    } else if (op == t.n) {
      bool failed = d.fail();
      RC_ASSERT(failed == (p.failure.error && t.error >= 0 && !in_error));
      if (failed) RC_ASSERT(p.state_index(d.state()) == t.error);
    } else {
      bool defined = d.reset();
      RC_ASSERT(defined == (t.reset_to >= 0));
      RC_ASSERT(p.state_index(d.state()) == (defined ? t.reset_to : before));
    }
    RC_ASSERT(has(t.flags[p.state_index(d.state())], Flag::valid) || has(t.flags[p.state_index(d.state())], Flag::error));
  }
}

RC_GTEST_PROP(DeviceProperties, RandomRequestsFailuresAndResetsFollowTheSpec, ()) {
  const auto& all = subjects();
  const Subject& s = all[*rc::gen::inRange<size_t>(0, all.size())];
  const DeviceTable& t = s.tables[*rc::gen::inRange<size_t>(0, s.tables.size())];
  auto ops = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, t.n + 2));
  RC_TAG(s.proposal.id);
  run_sequence(s, t, ops);
}

// Each proposal on its own as well, so a failure names it in the test list.
class PerProposal : public ::testing::TestWithParam<std::string> {};
TEST_P(PerProposal, RandomSequences) {
  for (const auto& s : subjects()) {
    if (s.proposal.id != GetParam()) continue;
    for (const auto& t : s.tables)
      EXPECT_TRUE(rc::check(s.proposal.id, [&] {
        auto ops = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, t.n + 2));
        run_sequence(s, t, ops);
      }));
  }
}
INSTANTIATE_TEST_SUITE_P(Builtin, PerProposal, ::testing::Values("rfc2018-enum", "rfc2018-bits", "v1-bits", "v2-fsm"));

}  // namespace
}  // namespace migcheck
