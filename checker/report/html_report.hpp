#pragma once
// `migcheck report`: the comparison as one self-contained HTML page that
// works offline: the verdict matrix, each proposal's state machine (SVG from
// Graphviz's library), every counterexample as a sequence diagram, and a
// trace stepper. Same inputs, same bytes: no times, no paths of this machine
// beyond the trace files the run wrote.
#include <ostream>
#include <string>
#include <vector>

#include "checker/cli/run_summary.hpp"

namespace migcheck::report {

/// not_run: proposals an interruption left unchecked (named on the page).
/// command: the line that reproduces the page, shown at its end.
void write_html_report(std::ostream& out, const std::vector<RunSummary>& runs, const std::vector<std::string>& not_run,
                       const std::string& command);

}  // namespace migcheck::report
