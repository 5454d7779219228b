#pragma once
// `migcheck compare`: the built-in proposals (or the given ones) side by
// side, in a form to paste into a review.
#include <string>
#include <vector>

#include "checker/cli/check.hpp"
#include "checker/cli/run_summary.hpp"

namespace migcheck {

/// format: "text" (fits 80 columns), "markdown" (GitHub/GitLab), "json".
int run_compare_command(const std::vector<std::string>& proposals, const CheckOptions& o);

/// Checks each proposal argument ("id", "file.json", "id:features") with o's
/// parameters, writing traces to o.trace_dir. Arguments left when SIGINT
/// arrived are appended to not_run (and named on stderr).
std::vector<RunSummary> compare_runs(const std::vector<std::string>& proposals, const CheckOptions& o,
                                     std::vector<std::string>& not_run);
/// 4 if a run was cut short or not run, 1 if some design never migrates, else 0.
int compare_exit_code(const std::vector<RunSummary>& runs, const std::vector<std::string>& not_run);
/// The command line that reproduces a comparison ("migcheck <verb> ids flags").
std::string compare_command(const std::string& verb, const std::vector<std::string>& proposals, const CheckOptions& o);
/// A verdict in words: "violated (8 steps; 22 with no fault)", "holds", "expressible", "vacuous".
std::string verdict_words(const VerdictRow& r);

}  // namespace migcheck
