#pragma once
// Shared option handling for commands that take a proposal.
#include <optional>
#include <string>
#include <vector>

#include "model/proposal.hpp"

namespace migcheck {

/// The feature sets a command covers: the one given with --features, or all.
std::vector<FeatureSet> selected_feature_sets(const Proposal& p, const std::optional<std::string>& features);

/// A `compare` argument: a proposal, with a feature set after its last ':'
/// ("v2-fsm:precopy", "v2-fsm:p2p+precopy", "v2-fsm:none"), so variants of one
/// proposal stand side by side. An argument that is a built-in id or an
/// existing file as a whole is never split.
struct ProposalChoice {
  std::string proposal;
  std::optional<std::string> features;
};
ProposalChoice parse_proposal_choice(const std::string& argument);

}  // namespace migcheck
