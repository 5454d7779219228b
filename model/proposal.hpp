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

/// One step of the VMM's migration flow (QEMU's order of operations for the
/// proposal). Per-device steps run one device at a time, in device order.
enum class Host { source, destination };
enum class StepOp {
  request,     ///< request a state of each device on `host`
  tracking,    ///< start/stop dirty tracking separate from device state (v1 container, v2 DMA logging)
  copy_dirty,  ///< send the dirty guest pages over the stream
  save,        ///< read each source device's final state into the stream
  load,        ///< write each destination device's state from the stream
  vm,          ///< start or stop the vCPUs of `host`
  release,     ///< the VMM closes the destination devices (its process exits)
};
/// What the VMM does after a request fails (QEMU's recover_state, §5.1).
enum class Recover { none, original, state, reset };

struct FlowStep {
  StepOp op = StepOp::request;
  Host host = Host::source;
  int target = -1;                        ///< request: one target for every device
  std::vector<std::pair<int, int>> map;   ///< request: target per current state; others are skipped
  Recover recover = Recover::none;
  int recover_state = -1;
  bool on = false;      ///< tracking on, vm run
  bool repeat = false;  ///< copy-dirty: a pre-copy round the VMM may repeat
  int if_vm = -1;       ///< -1: always; 0: only while the host's VM is stopped; 1: only while it runs
  Condition when;
  std::string source;
  std::string label;    ///< short text for traces ("request PRE_COPY")
};

struct Flow {
  bool separate_tracking = false;  ///< dirty tracking independent of device state
  int running_state = -1;          ///< the state source devices are in while the VM runs
  bool skip_same_state = false;    ///< the VMM skips a request for the state it believes current
  bool crash_on_error_state = false;  ///< the VMM aborts when a failed request leaves the error state
  std::vector<FlowStep> migrate, cancel, abort;
  std::string source;
  bool present = false;
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
