#pragma once
// Target-state interfaces in the kernel's form: one next-step table indexed
// [current][target] plus a per-state table of required capability flags.
// The kernel walks it with a feature-skip loop (vfio_mig_get_next_state):
//   if cur or target needs flags the device lacks: refuse;
//   next = table[cur][target];
//   while next needs flags the device lacks: next = table[next][target];
//   refuse if next is ERROR ("not allowed").
// The 2026 fix also stops the skip loop at ERROR; both walks are modelled.
#include <string>
#include <vector>

#include "model/path_rules.hpp"
#include "model/proposal.hpp"

namespace migcheck {

struct NextStepTable {
  int n = 0;
  std::vector<int> next;           ///< [cur * n + target]
  std::vector<uint32_t> required;  ///< capability flags each state needs
  int at(int cur, int target) const { return next[static_cast<size_t>(cur * n + target)]; }
};

/// How a tie between several shortest legal paths was decided.
struct Tie {
  int cur, target;
  std::vector<std::vector<int>> paths;
  int chosen = -1;   ///< index into paths, -1 if no rule decides
  std::string rule;
};

struct DerivedNextStep {
  NextStepTable table;
  std::vector<Tie> ties;  ///< in the full feature set
};

/// Capability bits of a feature set: the mandatory flag plus each feature's value.
uint32_t device_flags(const Proposal& p, FeatureSet f);

/// The next-step table from the proposal's arcs and path rules (all features
/// on; reduced feature sets reach their paths through the skip loop).
DerivedNextStep derive_next_step(const Proposal& p);

enum class WalkVariant { original, error_stops_skip };

struct Walk {
  enum class End { reached, refused, endless } end = End::reached;
  std::vector<int> path;   ///< states visited, the current state first
  std::vector<int> cycle;  ///< for an endless walk: the states that repeat
  std::string why;         ///< for a refusal: which check refused
};

/// The driver's loop around vfio_mig_get_next_state: step until the target.
Walk kernel_walk(const NextStepTable& t, int error, uint32_t flags, int cur, int target, WalkVariant v);

struct AuditFailure {
  int cur, target;
  FeatureSet features;
  std::string what;
  Walk walk;
};

/// Audits a table against the proposal's arcs and path rules for every
/// (current, target, feature set); returns every failure.
std::vector<AuditFailure> audit_next_step(const Proposal& p, const NextStepTable& t, WalkVariant v);

}  // namespace migcheck
