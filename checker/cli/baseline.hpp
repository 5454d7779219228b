#pragma once
// The verdict baseline (traces/baseline.json): per proposal and
// configuration, the proposal file's digest, state and transition counts,
// and every property's verdict and counterexample length. CI fails when a
// change to a specification (or to migcheck) changes any of it.
#include <string>
#include <vector>

#include "checker/cli/run_summary.hpp"

namespace migcheck {

void write_baseline(const std::string& file, const std::vector<RunSummary>& runs);
/// Readable differences, one per line ("v2-fsm: S1: violated (23 steps) -> holds"); empty if none.
/// `complete`: the runs are meant to cover the whole baseline (check --all).
std::vector<std::string> compare_baseline(const std::string& file, const std::vector<RunSummary>& runs, bool complete);

}  // namespace migcheck
