#pragma once
// `migcheck simulate`: random walks for configurations beyond exhaustive reach.
#include <optional>
#include <string>

#include "checker/cli/check.hpp"

namespace migcheck {

struct SimulateOptions {
  CheckOptions check;  ///< proposal, model parameters, features, trace directory
  uint64_t runs = 1000, seed = 1;
  uint32_t steps = 200;
  uint32_t progress_bias = 75;  ///< percent of picks that take the VMM's next step
  std::optional<uint64_t> run;  ///< replay this one run only
};

int run_simulate_command(const SimulateOptions& o);

}  // namespace migcheck
