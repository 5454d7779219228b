#pragma once
// `migcheck report [proposals] --output FILE.html`.
#include <string>
#include <vector>

#include "checker/cli/check.hpp"

namespace migcheck {

/// Compares the proposals as `compare` does and writes the HTML page to
/// `output`; the exit code is compare's. The output file is opened before
/// the search, so an unwritable path fails at once (exit 3).
int run_report_command(const std::vector<std::string>& proposals, const CheckOptions& o, const std::string& output);

}  // namespace migcheck
