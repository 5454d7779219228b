#include "model/world/property_catalog.hpp"

namespace migcheck::world {

using engine::PropertyKind;

const std::vector<PropertyInfo>& property_catalog() {
  static const std::vector<PropertyInfo> catalog = {
      {"S1", "single-owner", PropertyKind::always,
       "the VM never runs on both hosts; at most one side's devices are running"},
      {"S2", "memory-complete", PropertyKind::always,
       "when the destination VM starts, every guest page there is the source's latest"},
      {"S3", "device-state-complete", PropertyKind::always,
       "a destination device starts with the state its source device had when the source stopped for good; no update "
       "to a source device is lost after its final state was read"},
      {"S4", "quiesced-save", PropertyKind::always,
       "from the capture of a device's final state until it is read, nothing can change the device: not its own DMA "
       "or progress, nor a P2P write from a peer that can still initiate one"},
      {"S5", "no-early-run", PropertyKind::always,
       "a destination device never runs or DMAs before its full state is loaded"},
      {"S6", "defined", PropertyKind::always,
       "every request the VMM issues from a reachable state, and every failure of one, has a defined outcome"},
      {"S7", "error-contained", PropertyKind::always, "a device in an error state changes only through reset, never by a request (the VMM's recover requests "
       "included)"},
      {"S8", "valid-encoding", PropertyKind::always, "a device is never in an encoding the proposal calls invalid"},
      {"R1", "cancel-safe", PropertyKind::recoverable,
       "from every state right after a cancel, some path leads back to the source running with memory and device state "
       "intact"},
      {"R2", "fault-recoverable", PropertyKind::recoverable,
       "from every reachable state, some path reaches 'source running, intact' or 'destination running, complete'"},
      {"R3", "terminates", PropertyKind::always,
       "every path walk the interface performs terminates and uses only direct arcs"},
      {"U1", "dirty-tracking-alone", PropertyKind::reachable,
       "dirty pages can be tracked while the device keeps running, without entering any migration phase"},
      {"U2", "pause-resume", PropertyKind::reachable, "a running device can be paused and resumed without entering any migration phase or tracking state"},
      {"U3", "pre-copy", PropertyKind::reachable, "device state can be streamed while the device runs"},
      {"U4", "cancel-every-phase", PropertyKind::reachable,
       "at every step of the migration, a cancel can bring the source back to running, intact"},
      {"U5", "p2p-migration", PropertyKind::reachable,
       "N >= 2 devices doing P2P migrate completely, and no P2P write is ever lost"},
      {"U6", "failure-without-state", PropertyKind::reachable,
       "a failed transition is reported by the call, not by a state that represents the failure, and what it leaves is "
       "defined"},
      {"U7", "retry", PropertyKind::reachable, "a migration that failed can be retried and complete"},
      {"U8", "abort-resume", PropertyKind::reachable,
       "a resume under way on the destination can be abandoned: every destination device back to a clean state, none "
       "running the VM's work, the source intact"},
  };
  return catalog;
}

const PropertyInfo* find_property(const std::string& id) {
  for (const auto& p : property_catalog())
    if (id == p.id) return &p;
  return nullptr;
}

}  // namespace migcheck::world
