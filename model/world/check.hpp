#pragma once
// `migcheck check`: explore the world of one proposal and give a verdict for
// every property of the catalog (or the ones asked for).
#include <memory>
#include <string>
#include <vector>

#include "checker/engine/explorer.hpp"
#include "model/world/coverage.hpp"
#include "model/world/world.hpp"

namespace migcheck::world {

struct PropertyVerdict {
  std::string id, name, description;
  engine::Verdict verdict = engine::Verdict::unknown;
  std::string reason;
  std::vector<std::vector<uint8_t>> states;  ///< the behaviour that shows the verdict, initial state first
  std::vector<uint32_t> actions;             ///< actions[i] leads into states[i]
  /// The shortest counterexample among behaviours with no injected fault,
  /// where the property is violated and one exists (empty otherwise).
  std::vector<std::vector<uint8_t>> fault_free_states;
  std::vector<uint32_t> fault_free_actions;
  int premise_reached = -1;  ///< 1: its situation occurred; 0: never (complete run); -1: unknown or none
};

struct CheckResult {
  std::unique_ptr<World> world;
  std::unique_ptr<engine::Exploration> exploration;
  std::vector<PropertyVerdict> verdicts;  ///< catalog order
  PropertyVerdict happy_path;             ///< a fault-free completed migration, if there is one
  Coverage coverage;
  /// The exploration was complete and no migration completes with no fault,
  /// cancel or retry: every verdict about a completed migration is empty.
  bool never_completes() const { return exploration->complete() && happy_path.verdict != engine::Verdict::holds; }
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
