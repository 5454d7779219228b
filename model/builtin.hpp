#pragma once
// The built-in proposals: spec/proposals/*.json compiled into the binary.
#include <string>
#include <vector>

#include "checker/input/embedded.hpp"
#include "model/proposal.hpp"

namespace migcheck {

/// Ids of the built-in proposals, in the order they were designed.
std::vector<std::string> builtin_ids();
/// Loads a built-in proposal; throws UsageError naming the valid ids.
Proposal load_builtin(const std::string& id);
/// A command-line proposal argument: a built-in id, or a path to a .json file.
Proposal load_proposal_arg(const std::string& arg);

}  // namespace migcheck
