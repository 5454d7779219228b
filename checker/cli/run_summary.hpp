#pragma once
// One `check` run reduced to what reports, baselines and traces need; shared
// by `check`, `check --all`, `compare` and the baseline gate.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/cli/check.hpp"
#include "checker/engine/explorer.hpp"
#include "model/proposal.hpp"
#include "model/world/coverage.hpp"
#include "model/world/world.hpp"

namespace migcheck {

struct VerdictRow {
  std::string id, name, verdict, reason;
  size_t trace_length = 0;  ///< steps of the counterexample (violations) or witness; 0 if none
  std::string trace_file;   ///< written counterexample, if any
  std::string reproduce;    ///< command that reproduces it
  std::string story;        ///< the trace in a line: its faults, cancels and P2P writes, and its last step
  /// Attribution: the faults the counterexample injects (in order) and the
  /// kinds of environment and operator event it uses.
  std::vector<std::string> faults, events;
  size_t fault_free_length = 0;   ///< the shortest counterexample with no fault, if the property has one
  std::string fault_free_file, fault_free_reproduce;
  std::string premise;            ///< "reached", "never reached", or "" (no premise / unknown)
};

struct RunSummary {
  std::string argument;  ///< the proposal as the user named it
  std::string label;     ///< its name in compare: the id, and the feature set if the argument named one
  Proposal proposal;
  world::Params params;
  engine::Stats stats;
  bool complete = true;
  std::string stop_reason;
  std::vector<VerdictRow> rows;  ///< catalog order
  std::string happy_path_file;
  size_t happy_path_length = 0;
  bool never_completes = false;  ///< complete run, and no migration completes without fault, cancel or retry
  /// Why the modelled VMM refuses this configuration (a migration blocker); empty if it does not.
  /// The interface's own verdicts are still reported beside it.
  std::string blocked_by_vmm;
  world::Coverage coverage;
  std::vector<std::string> state_names;  ///< the proposal's state names, for coverage pairs
};

/// Checks one proposal with o's parameters (features: o.features, or all
/// on); writes violation traces (and the happy path) to o.trace_dir when
/// `write_traces`. Prints the configuration and statistics to stderr.
RunSummary run_summary(const std::string& argument, const CheckOptions& o, bool write_traces);

/// The last lines of a text or markdown report, so it can be pasted into a
/// review: the command that reproduces it and the tool that produced it.
std::string report_signature(const std::string& command, bool markdown = false);

/// A run as JSON (the per-proposal object of `check --format json` and `compare --format json`).
nlohmann::ordered_json summary_json(const RunSummary& s);

/// Writes an ITF trace of world states (`actions[i]` leads into `states[i]`).
void write_world_trace(const world::World& w, const std::vector<const uint8_t*>& states,
                       const std::vector<uint32_t>& actions, const std::string& property,
                       const std::string& description, const std::string& verdict, const std::string& command,
                       const std::string& file);
nlohmann::ordered_json params_json(const Proposal& p, const world::Params& q);

/// Where a trace of `property` goes: its name holds the proposal's id and
/// file digest, the configuration and the property.
std::string trace_file(const std::string& dir, const Proposal& p, const world::Params& q, const std::string& property);
/// Creates the trace directory and checks it is writable; throws InputError (exit 3).
void prepare_trace_dir(const std::string& dir);

/// The model parameters' flags ("--devices 2 --pages 2 ..."), features aside.
std::string model_flags(const world::Params& q);

/// The flags that reproduce a run ("--features p2p+precopy --devices 2 ...").
std::string params_flags(const Proposal& p, const world::Params& q);

}  // namespace migcheck
