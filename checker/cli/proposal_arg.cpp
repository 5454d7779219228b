#include "checker/cli/proposal_arg.hpp"

#include <algorithm>
#include <filesystem>

#include "model/builtin.hpp"
#include "model/features.hpp"
#include "checker/input/errors.hpp"

namespace migcheck {

std::vector<FeatureSet> selected_feature_sets(const Proposal& p, const std::optional<std::string>& features) {
  if (features) return {parse_feature_list(p, *features)};
  return p.feature_sets();
}

ProposalChoice parse_proposal_choice(const std::string& argument) {
  const auto ids = builtin_ids();
  std::error_code ec;
  const size_t colon = argument.rfind(':');
  if (colon == std::string::npos || std::find(ids.begin(), ids.end(), argument) != ids.end() ||
      std::filesystem::exists(argument, ec))
    return {argument, std::nullopt};
  if (colon + 1 == argument.size())
    throw UsageError("'" + argument + "': no feature set after ':'; expected for example v2-fsm:precopy, "
                     "v2-fsm:p2p+precopy or v2-fsm:none");
  return {argument.substr(0, colon), argument.substr(colon + 1)};
}

}  // namespace migcheck
