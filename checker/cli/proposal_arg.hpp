#pragma once
// Shared option handling for commands that take a proposal.
#include <optional>
#include <string>
#include <vector>

#include "model/proposal.hpp"

namespace migcheck {

/// The feature sets a command covers: the one given with --features, or all.
std::vector<FeatureSet> selected_feature_sets(const Proposal& p, const std::optional<std::string>& features);

}  // namespace migcheck
