#pragma once
// Request outcomes taken from a proposal's reference Boost.MSM machine, so the
// world can run with the machines in the loop (the property tests compare
// that world with the table-driven one the exhaustive checker explores).
#include <optional>
#include <vector>

#include "model/device.hpp"
#include "model/world/world.hpp"

namespace migcheck {

class MsmOracle : public world::RequestOracle {
 public:
  /// Explores the machine once to hold a copy of it in every state it reaches.
  MsmOracle(const Proposal& p, FeatureSet f);
  /// Fires the request on a copy of the machine in `from`.
  Outcome outcome(int from, int target) const override;

 private:
  const Proposal& p_;
  std::vector<std::optional<Device>> in_state_;
};

}  // namespace migcheck
