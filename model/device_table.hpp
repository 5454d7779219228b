#pragma once
// The explicit device transition table of a proposal in one feature set:
// the outcome of every (state, request) pair. Requests are named by the
// state they write or target, so the table is states x states.
#include <vector>

#include "model/outcome.hpp"
#include "model/proposal.hpp"

namespace migcheck {

struct DeviceTable {
  const Proposal* proposal = nullptr;
  FeatureSet features = 0;
  int n = 0;                     ///< proposal.states.size()
  std::vector<bool> present;     ///< state exists in this feature set
  std::vector<FlagSet> flags;    ///< semantic flags per state in this feature set
  int initial = -1;
  int reset_to = -1;             ///< -1: the design does not say
  int error = -1;                ///< the error state, -1 if none
  std::vector<Outcome> outcomes; ///< [from * n + request]; meaningful where both are present

  const Outcome& at(int from, int request) const { return outcomes[static_cast<size_t>(from * n + request)]; }
  /// States reachable from the initial state by requests, failures and resets.
  std::vector<bool> reachable() const;
  /// What the table holds. Outcomes are counted from reachable states only:
  /// pairs from states a device is never in say nothing about the design.
  struct Counts {
    int states = 0, valid = 0, invalid = 0, reachable = 0, transitions = 0, rejections = 0, undefined = 0;
  };
  Counts counts() const;
  /// States a failed request from `from` towards `request` may leave the device in.
  std::vector<int> failure_states(int from, int request) const;
};

/// States a failed request may leave the device in: the original state, the
/// states of the walked path, the error state, as the proposal's failure rule allows.
std::vector<int> failure_states(const FailureSpec& rule, int error, int from, const std::vector<int>& via);

/// Builds the table from the proposal file's rules (for target-state
/// interfaces: its arcs and the path rules).
DeviceTable build_table(const Proposal& p, FeatureSet f);

/// The arc graph of a target-state proposal in feature set f.
struct ArcGraph;
ArcGraph build_arc_graph(const Proposal& p, FeatureSet f);

}  // namespace migcheck
