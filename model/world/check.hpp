#pragma once
// `migcheck check`: explore the world of one proposal and give a verdict for
// every property of the catalog (or the ones asked for).
#include <memory>
#include <string>
#include <vector>

#include "checker/engine/explorer.hpp"
#include "model/world/world.hpp"

namespace migcheck::world {

struct PropertyVerdict {
  std::string id, name, description;
  engine::Verdict verdict = engine::Verdict::unknown;
  std::string reason;
  std::vector<std::vector<uint8_t>> states;  ///< the behaviour that shows the verdict, initial state first
  std::vector<uint32_t> actions;             ///< actions[i] leads into states[i]
};

struct CheckResult {
  std::unique_ptr<World> world;
  std::unique_ptr<engine::Exploration> exploration;
  std::vector<PropertyVerdict> verdicts;  ///< catalog order
  PropertyVerdict happy_path;             ///< a fault-free completed migration, if there is one
};

/// Throws UsageError for parameters out of range, unknown property ids or
/// search options the world cannot take (symmetry, threads), InputError if
/// the proposal has no flow.
CheckResult run_check(const Proposal& p, const Params& params, const engine::Limits& limits,
                      const std::vector<std::string>& only = {},
                      std::function<void(uint64_t states, double seconds)> progress = {},
                      engine::Options search = {});

/// Checks parameter ranges; throws UsageError naming the flag.
void validate_params(const Params& params);

}  // namespace migcheck::world
