// The documented path rules give the kernel's walks (vfio-facts §5.2, §5.3).
#include <gtest/gtest.h>

#include "model/arc_counts.hpp"
#include "model/builtin.hpp"
#include "model/device_table.hpp"
#include "model/features.hpp"
#include "model/path_rules.hpp"

namespace migcheck {
namespace {

std::vector<std::string> walk(const std::string& features, const std::string& from, const std::string& to) {
  Proposal p = load_builtin("v2-fsm");
  PathResolution r = resolve_request(build_arc_graph(p, parse_feature_list(p, features)), p.state_index(from), p.state_index(to));
  std::vector<std::string> out;
  if (r.paths.size() != 1) return {"ambiguous or none: " + std::to_string(r.paths.size())};
  for (int s : r.paths.front()) out.push_back(p.states[s].name);
  return out;
}

using V = std::vector<std::string>;

TEST(PathRules, QemuDestinationWalks) {
  // load_setup from the assumed RUNNING; VM start from RESUMING (§5.3)
  EXPECT_EQ(walk("p2p", "RUNNING", "RESUMING"), (V{"RUNNING", "RUNNING_P2P", "STOP", "RESUMING"}));
  EXPECT_EQ(walk("p2p", "RESUMING", "RUNNING_P2P"), (V{"RESUMING", "STOP", "RUNNING_P2P"}));
  EXPECT_EQ(walk("none", "RESUMING", "RUNNING"), (V{"RESUMING", "STOP", "RUNNING"}));
}

TEST(PathRules, SessionsOpenLastAndEndFirst) {
  // PRE_COPY -> STOP cannot go through STOP_COPY: ending the session there would not be the first step.
  EXPECT_EQ(walk("p2p,precopy", "PRE_COPY", "STOP"), (V{"PRE_COPY", "RUNNING", "RUNNING_P2P", "STOP"}));
  // STOP -> PRE_COPY cannot open the session at PRE_COPY_P2P and move on.
  EXPECT_EQ(walk("p2p,precopy", "STOP", "PRE_COPY"), (V{"STOP", "RUNNING_P2P", "RUNNING", "PRE_COPY"}));
  EXPECT_EQ(walk("precopy", "PRE_COPY", "STOP_COPY"), (V{"PRE_COPY", "STOP_COPY"}));
}

TEST(PathRules, RefusalsAndError) {
  Proposal p = load_builtin("v2-fsm");
  ArcGraph g = build_arc_graph(p, parse_feature_list(p, "p2p,precopy"));
  auto kind = [&](const char* a, const char* b) { return resolve_request(g, p.state_index(a), p.state_index(b)).outcome.kind; };
  EXPECT_EQ(kind("STOP_COPY", "PRE_COPY"), OutcomeKind::reject);
  EXPECT_EQ(kind("RUNNING", "ERROR"), OutcomeKind::reject);
  EXPECT_EQ(kind("ERROR", "RUNNING"), OutcomeKind::reject);
  EXPECT_EQ(kind("RUNNING", "RUNNING"), OutcomeKind::transition);
  ArcGraph base = build_arc_graph(p, 0);
  EXPECT_EQ(resolve_request(base, p.state_index("RUNNING"), p.state_index("RUNNING_P2P")).outcome.kind, OutcomeKind::reject);
}

TEST(ArcCounts, DriverArcsPerFeatureSetAsTheKernelCommentCounts) {
  // vfio-facts §4.5, from the vfio.h comment: 6 arcs with STOP_COPY only, 8
  // with P2P, 9 with PRE_COPY (the core skips PRE_COPY_P2P, so the driver sees
  // PRE_COPY -> STOP_COPY directly), 15 with both. Counted from the walks the
  // path rules produce, not from the arc list in the proposal file.
  Proposal p = load_builtin("v2-fsm");
  EXPECT_EQ(arc_counts(p, parse_feature_list(p, "none")).driver_arcs, 6);
  EXPECT_EQ(arc_counts(p, parse_feature_list(p, "p2p")).driver_arcs, 8);
  EXPECT_EQ(arc_counts(p, parse_feature_list(p, "precopy")).driver_arcs, 9);
  ArcCounts all = arc_counts(p, parse_feature_list(p, "p2p,precopy"));
  EXPECT_EQ(all.driver_arcs, 15);
  // 8 states, ERROR neither requestable nor left: 7 x 6 cross requests are
  // one arc (each arc is its own shortest walk), several arcs, or refused
  // (STOP_COPY -> PRE_COPY, PRE_COPY_P2P).
  EXPECT_EQ(all.driver_arcs + all.combinations + 2, 7 * 6);
  EXPECT_EQ(all.undefined, 0);
}

TEST(ArcCounts, WriteInterfacesCountDefinedWrites) {
  // v1 (qemu-writes): each defined write is one transition the driver does itself.
  Proposal p = load_builtin("v1-bits");
  ArcCounts c = arc_counts(p, all_features(p));
  EXPECT_EQ(c.combinations, 0);
  EXPECT_GT(c.driver_arcs, 0);
  EXPECT_GT(c.refused, 0);
}

}  // namespace
}  // namespace migcheck
