#pragma once
// `migcheck compare`: the built-in proposals (or the given ones) side by
// side, in a form to paste into a review.
#include <string>
#include <vector>

#include "checker/cli/check.hpp"

namespace migcheck {

/// format: "text" (fits 80 columns), "markdown" (GitHub/GitLab), "json".
int run_compare_command(const std::vector<std::string>& proposals, const CheckOptions& o);

}  // namespace migcheck
