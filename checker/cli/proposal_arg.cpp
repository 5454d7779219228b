#include "checker/cli/proposal_arg.hpp"

#include "model/features.hpp"

namespace migcheck {

std::vector<FeatureSet> selected_feature_sets(const Proposal& p, const std::optional<std::string>& features) {
  if (features) return {parse_feature_list(p, *features)};
  return p.feature_sets();
}

}  // namespace migcheck
