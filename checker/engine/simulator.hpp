#pragma once
// Random walks over a Model, for configurations beyond exhaustive reach.
// Deterministic: run r of seed s uses its own generator seeded from (s, r),
// so one run can be reproduced alone.
#include <cstdint>
#include <vector>

#include "checker/engine/model.hpp"

namespace migcheck::engine {

struct Walk {
  std::vector<std::vector<uint8_t>> states;  ///< initial state first
  std::vector<uint32_t> actions;             ///< actions[i] leads into states[i]; actions[0] unused
};

struct SimulationOptions {
  uint64_t seed = 1;
  uint64_t runs = 100;
  uint32_t steps = 100;
  /// Probability (in percent) of taking the first enabled action, which a
  /// model lists first when it is its own progress (the VMM's next step).
  uint32_t progress_bias = 75;
};

/// The walk of run `run`: stops at `steps` or where no action is enabled.
Walk random_walk(const Model& m, const SimulationOptions& o, uint64_t run);

/// Replays `actions` (from the initial state); empty if one is not enabled where it is taken.
Walk replay(const Model& m, const std::vector<uint32_t>& actions);

/// The first index at which `p` fails along the walk, or -1.
int first_violation(const Walk& w, const Property& p);

/// Removes actions while the walk still breaks `p` (greedy, one at a time,
/// from the end); the result is a shorter walk that breaks it at its last state.
Walk shrink(const Model& m, const Walk& w, const Property& p);

}  // namespace migcheck::engine
