#pragma once
// The verdict baseline (traces/baseline.json): per proposal and
// configuration, the proposal file's digest, state and transition counts,
// and every property's verdict and counterexample length. CI fails when a
// change to a specification (or to migcheck) changes any of it.
#include <string>
#include <vector>

#include "checker/cli/run_summary.hpp"

namespace migcheck {

/// A baseline file, read and validated against spec/schema/baseline.schema.json.
struct Baseline {
  std::string file;
  nlohmann::json doc;
};
/// Throws InputError (exit 3) for an unreadable or invalid baseline.
Baseline read_baseline(const std::string& file);
/// The same for a baseline's text (`file` names it in messages).
Baseline parse_baseline(const std::string& file, const std::string& text);

/// Writes the runs as the baseline. With `merge_into`, entries of other
/// proposals are kept and those of these runs replaced or added (a file
/// proposal can join the built-ins' baseline). Throws IncompleteError if a
/// run is incomplete: an incomplete run never becomes a baseline.
void write_baseline(const std::string& file, const std::vector<RunSummary>& runs, const Baseline* merge_into);

/// Readable differences, one per line ("v2-fsm: S1: violated (23 steps) -> holds"); empty if none.
/// `complete`: the runs are meant to cover the whole baseline (check --all).
/// An incomplete run is always a difference: it cannot pass a baseline.
std::vector<std::string> compare_baseline(const Baseline& baseline, const std::vector<RunSummary>& runs, bool complete);

}  // namespace migcheck
