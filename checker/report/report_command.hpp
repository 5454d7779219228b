#pragma once
// `migcheck report [proposals] --output FILE.html`.
#include <string>
#include <vector>

#include "checker/cli/check.hpp"

namespace migcheck {

/// Compares the proposals as `compare` does and writes the HTML page to
/// `output`; the exit code is compare's. Whether `output` can be written is
/// checked before the search (an unwritable path fails at once, exit 3);
/// it is written only once the page is complete.
int run_report_command(const std::vector<std::string>& proposals, const CheckOptions& o, const std::string& output);

}  // namespace migcheck
