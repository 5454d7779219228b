#pragma once
// Naming and parsing of feature sets ("p2p+precopy", "none").
#include <string>
#include <string_view>

#include "model/proposal.hpp"

namespace migcheck {

/// Every feature of the proposal on (what commands check unless told otherwise).
FeatureSet all_features(const Proposal& p);

/// "none" for the empty set, otherwise feature names joined by '+', in file order.
std::string feature_set_name(const Proposal& p, FeatureSet f);

/// Parses a list of feature names separated by ',' or '+' ("p2p,precopy",
/// or a feature set's name "p2p+precopy"; "" or "none" is the empty set).
/// Throws UsageError naming the valid features.
FeatureSet parse_feature_list(const Proposal& p, std::string_view list);

}  // namespace migcheck
