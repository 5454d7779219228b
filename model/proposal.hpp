#pragma once
// A proposal: one device-migration interface design, as stated in a
// spec/proposals/<id>.json file (format: spec/schema/proposal.schema.json).
// Every rule keeps the citation it was modelled from.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/flags.hpp"

namespace migcheck {

/// Bit i set = the proposal's feature i is on. Features are device
/// capabilities (v2's p2p, precopy) or a design's open options (rfc2018-bits).
using FeatureSet = uint32_t;

/// A rule applies in a feature set when all `requires` are on and no `unless` is.
struct Condition {
  FeatureSet requires = 0;
  FeatureSet unless = 0;
  bool holds(FeatureSet f) const { return (f & requires) == requires && (f & unless) == 0; }
};

struct Feature {
  std::string name;
  uint32_t value = 0;  // the interface's own bit value, where it has one
  std::string description;
  std::string source;
};

struct ConditionalFlag {
  Flag flag;
  Condition when;
  std::string source;
};

struct StateSpec {
  std::string name;
  uint32_t value = 0;  // enum value or bit encoding
  std::string description;
  FlagSet flags = 0;
  std::vector<ConditionalFlag> conditional_flags;
  Condition present;  // the state exists only in these feature sets
  std::string source;
  FlagSet flags_in(FeatureSet f) const {
    FlagSet out = flags;
    for (const auto& c : conditional_flags)
      if (c.when.holds(f)) out |= bit(c.flag);
    return out;
  }
};

enum class InterfaceKind { enum_write, bitfield_write, target_state };

/// What a (state, request) pair does. `undefined` means the design says nothing.
enum class OutcomeKind { transition, reject, undefined };

struct OutcomeRule {
  int from = -1, request = -1;  // state indices; a request names the state written
  OutcomeKind kind = OutcomeKind::undefined;
  int to = -1;  // for transitions
  Condition when;
  std::string source;
};

struct ArcSpec {  // a direct arc the driver implements (target-state interfaces)
  int from = -1, to = -1;
  Condition when;
  std::string source;
};

struct RefusalSpec {  // a (state, target) request refused by policy
  int from = -1, to = -1;
  std::string source;
};

struct InitialSpec {
  int state = -1;
  Condition when;
  std::string source;
};

/// What a failed request may leave behind.
struct FailureSpec {
  bool original = false;     // the state before the request
  bool path = false;         // any intermediate state of the walked path
  bool error = false;        // the proposal's error state
  bool unspecified = false;  // the design does not say
  std::string source;
};

struct ResetSpec {
  std::optional<int> to;    // empty (and not to_initial): the design does not say what reset does
  bool to_initial = false;  // reset returns to the feature set's initial state
  bool ends_sessions = false;
  std::string source;
};

/// The VMM's flows: two programs per host (QEMU is two processes), each a
/// list of steps. A per-device step runs for every device of its host in
/// device-list order; consecutive steps of one handler group run for one
/// device before the next device starts (QEMU calls each device's handler in
/// turn: the 2018 RFC's save_live_complete_precopy).
enum class Host { source, destination };
enum class StepOp {
  request,     ///< ask the device for a state (QEMU's set_state), per device
  tracking,    ///< start/stop dirty tracking separate from device state (v1 container, v2 DMA logging)
  copy_dirty,  ///< send the dirty guest pages over the stream
  save,        ///< read a source device's final state into the stream, per device
  load,        ///< write a destination device's state from the stream, per device
  vm,          ///< start or stop the vCPUs of the host
  release,     ///< the destination VMM exits: its devices are closed
  send,        ///< put a message into the stream (source) or on the return path (destination)
  wait,        ///< wait for a message: the stream's (destination) or the return path's (source)
  complete,    ///< the source has sent everything: QEMU's COMPLETED; no cancel after this
  close_fds,   ///< QEMU's save_cleanup/load_cleanup closes the data fds it holds, per device
};
/// Stream messages (source to destination) and the return path's result.
enum class Message : uint8_t { setup, end, result };
/// What vfio_migration_set_state does after a request fails (§5.1): nothing,
/// ask for the state before, ask for a given state, or reset the device.
enum class Recover { none, original, state, reset };
/// What the step does with an error once the request's own recovery is done:
/// fail the migration (abort program), report it and go on, or end this VMM.
enum class OnError { abort, report, crash };

struct FlowStep {
  StepOp op = StepOp::request;
  Host host = Host::source;
  int target = -1;                        ///< request: one target for every device
  std::vector<std::pair<int, int>> map;   ///< request: target per cached state (-1: no request)
  bool unmapped_fails = false;            ///< request: a cached state outside the map is an error
  bool rmw = false;                       ///< request: read-modify-write of the device state's value
  uint32_t mask = 0, value = 0;           ///< rmw: the written value is (read & mask) | value
  Recover recover = Recover::none;
  int recover_state = -1;
  OnError on_error = OnError::abort;
  bool on = false;      ///< tracking on, vm run
  bool repeat = false;  ///< copy-dirty: a pre-copy round the VMM may repeat
  int if_vm = -1;       ///< -1: always; 0: only while the host's VM is stopped; 1: only while it runs
  uint64_t if_cached = 0;  ///< per-device steps: only for devices whose cached state is one of these (0: any)
  Message message = Message::setup;  ///< send, wait
  int group = -1;       ///< handler group id within its program (-1: a group of its own)
  Condition when;
  std::string source;
  std::string label;    ///< short text for traces ("request PRE_COPY")
};

struct HostFlow {
  std::vector<FlowStep> migrate, abort, cancel;
  /// Source only: what happens when the destination reports failure after
  /// the source completed (the management layer resumes the source, §6.8).
  std::vector<FlowStep> resume;
};

/// A configuration the VMM refuses to migrate (QEMU's migration blockers).
struct Blocker {
  int above_devices = 0;  ///< blocked with more devices than this
  Condition when;
  std::string reason, source;
};

struct Flow {
  std::string models;              ///< the VMM (and version range) or authors the flows follow
  bool separate_tracking = false;  ///< dirty tracking independent of device state
  int running_state = -1;          ///< the state source devices are in while the VM runs
  bool skip_same_state = false;    ///< the VMM skips a request for the state it believes current (its cache)
  bool crash_on_error_state = false;  ///< the VMM aborts when a failed request leaves the error state
  bool data_fd = false;            ///< device data flows through a data fd the VMM holds (v2)
  HostFlow source_host, destination_host;
  std::vector<Blocker> blockers;
  std::string source;
  bool present = false;
  const HostFlow& host(Host h) const { return h == Host::source ? source_host : destination_host; }
};

/// How a target-state proposal's tables are spelled in C (the kernel's form).
struct CForm {
  bool present = false;
  std::string state_prefix;        ///< "VFIO_DEVICE_STATE_"
  std::string table, flags_table;  ///< "vfio_from_fsm_table", "state_flags_table"
  std::string mandatory_name;      ///< a capability every device has: "VFIO_MIGRATION_STOP_COPY"
  uint32_t mandatory_value = 0;
  std::vector<std::string> feature_names;  ///< per proposal feature, in feature order
  std::string source;
};

struct Origin {
  std::string who, when, where;
};

struct Proposal {
  std::string id, title, summary;
  Origin origin;
  InterfaceKind interface = InterfaceKind::enum_write;
  std::string interface_source;
  std::vector<Feature> features;
  std::vector<StateSpec> states;
  std::vector<InitialSpec> initial;
  // enum-write and bitfield-write: explicit outcomes plus the default for the rest
  std::vector<OutcomeRule> outcomes;
  OutcomeRule default_outcome;
  // target-state: direct arcs, refusals, and the path rules' citation
  std::vector<ArcSpec> arcs;
  std::vector<RefusalSpec> refusals;
  std::string path_rules_source;
  FailureSpec failure;
  ResetSpec reset;
  Flow flow;
  CForm c_form;
  std::string file;    // where it was loaded from, for messages
  std::string digest;  // FNV-1a 64 of the file's bytes, hex

  int state_index(std::string_view name) const;
  int feature_index(std::string_view name) const;
  /// The state carrying the `error` flag, or -1.
  int error_state() const;
  /// The initial state in feature set f (the loader checks there is exactly one).
  int initial_state(FeatureSet f) const;
  /// Where reset leads in feature set f, or -1 where the design does not say.
  int reset_state(FeatureSet f) const;
  /// All 2^n feature sets, in increasing numeric order.
  std::vector<FeatureSet> feature_sets() const;
};

std::string_view interface_name(InterfaceKind k);
std::string_view outcome_name(OutcomeKind k);

}  // namespace migcheck
