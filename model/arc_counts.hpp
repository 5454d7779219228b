#pragma once
// How much of a proposal a driver must implement in one feature set, counted
// in the words the kernel uses. vfio.h (protocol v2) distinguishes the "FSM
// arcs" a driver implements from the "combination transitions" the core
// builds out of several arcs, and its commits count arcs per feature
// ("4 FSM arcs beyond the basic FSM"; vfio-facts §4.5: 6, 8, 9, 15). A write
// interface has no core in between: every defined write is one transition
// the driver implements.
#include <string>

#include <nlohmann/json.hpp>

#include "model/device_table.hpp"

namespace migcheck {

struct ArcCounts {
  int driver_arcs = 0;      ///< distinct state changes the driver performs
  int combinations = 0;     ///< target-state: requests the core walks as >= 2 arcs
  int same_state = 0;       ///< requests for the current state (no arc)
  int refused = 0;          ///< requests rejected, from reachable states
  int undefined = 0;        ///< requests whose outcome the design leaves open
};

/// Counted from the states a device can reach, over every request the
/// feature set has (as DeviceTable::counts does).
ArcCounts arc_counts(const Proposal& p, FeatureSet f);

/// The counts as a sentence: "15 FSM arcs a driver implements, 25
/// combination transitions ...", or for write interfaces "... state changes
/// a driver implements (one per defined write) ...".
std::string arc_counts_text(const Proposal& p, FeatureSet f);

/// The counts as the "arcs" object of `show` and `table` JSON.
nlohmann::ordered_json arc_counts_json(const Proposal& p, FeatureSet f);

}  // namespace migcheck
