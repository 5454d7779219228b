#pragma once
// What an exploration exercised: which flow steps ran (per device, with and
// without faults), which (state, request) pairs the VMM issued against those
// the design defines, and which kinds of action never happened. A verdict
// over a model that never exercised a step says nothing about that step.
#include <string>
#include <utility>
#include <vector>

#include "checker/engine/explorer.hpp"
#include "model/world/world.hpp"

namespace migcheck::world {

struct StepCoverage {
  std::string program;  ///< migrate, abort, cancel
  int step = 0;         ///< 1-based, as traces number steps
  std::string label;
  /// Per device for per-device steps (one entry otherwise): reached at all,
  /// reached in a behaviour with no fault.
  std::vector<bool> reached, reached_fault_free;
};

struct Coverage {
  std::vector<StepCoverage> steps;
  /// (from, request) pairs the VMM's flow steps issued (recover requests are
  /// folded into the failing step and not listed), and those issued with no fault.
  std::vector<std::pair<int, int>> issued, issued_fault_free;
  int issued_undefined = 0;  ///< issued pairs the design leaves undefined
  int defined = 0;           ///< pairs the design defines (transition or rejection) from reachable states
  std::vector<std::string> never_happened;  ///< action kinds never taken ("P2P write", "guest-initiated reset")
  /// Migrate steps no fault-free behaviour reaches (a warning: what they do is seen only under faults).
  std::vector<std::string> unreached_fault_free;
};

Coverage coverage(const World& w, const engine::Exploration& e);

}  // namespace migcheck::world
