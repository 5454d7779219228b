#pragma once
// Derives a proposal's explicit table from its reference MSM machine by
// exploring the machine itself: copy it, fire every request (plus failure
// and reset) from every reachable state, for one feature set.
#include <optional>
#include <string>
#include <vector>

#include "model/outcome.hpp"
#include "model/proposal.hpp"

namespace migcheck {

struct DerivedTable {
  FeatureSet features = 0;
  int n = 0;
  int initial = -1;
  int reset_to = -1;              ///< -1: the machine does not define reset
  int fail_to = -1;               ///< -1: the machine has no error state
  std::vector<bool> reachable;
  std::vector<std::optional<Outcome>> outcomes;  ///< [from * n + request], set for reachable `from`
  std::vector<std::string> problems;             ///< states the machine names that the spec lacks

  const std::optional<Outcome>& at(int from, int request) const { return outcomes[static_cast<size_t>(from * n + request)]; }
};

/// Requires has_machine(p.id). States are indexed as in `p`.
DerivedTable derive_table(const Proposal& p, FeatureSet f);

}  // namespace migcheck
