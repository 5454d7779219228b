#pragma once
// `migcheck show` and `migcheck list`: a proposal's states and outcome tables.
#include <ostream>
#include <string>
#include <vector>

#include "model/proposal.hpp"

namespace migcheck {

void print_list(std::ostream& out, const std::vector<Proposal>& proposals);
/// format: "text", "markdown" or "json"
void print_show(std::ostream& out, const Proposal& p, const std::vector<FeatureSet>& sets, const std::string& format);

}  // namespace migcheck
