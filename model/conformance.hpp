#pragma once
// Conformance: the table derived from a proposal's MSM machine equals the
// table stated by its proposal file, in every feature set.
#include <string>
#include <vector>

#include "model/proposal.hpp"

namespace migcheck {

struct Mismatch {
  std::string features;  ///< feature set name
  std::string what;      ///< the pair (or property) and both outcomes
};

/// Every difference, in a deterministic order; empty when they conform.
std::vector<Mismatch> check_conformance(const Proposal& p);

/// "transition to X via {A, B}", "reject", "undefined"
std::string describe_outcome(const Proposal& p, OutcomeKind kind, int to, const std::vector<int>& via);
/// A walk in its order: "RUNNING -> RUNNING_P2P -> STOP".
std::string path_text(const Proposal& p, const std::vector<int>& path);

}  // namespace migcheck
