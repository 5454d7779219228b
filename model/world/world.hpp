#pragma once
// The world of domain.md §4: a source and a destination host, each with N
// devices of one proposal (driven by its explicit device table), guest pages,
// the migration stream, the VMM's flow for the proposal, and injected
// cancel, failures and resets. Proposals differ only in their tables,
// flags and flows; the environment and properties are the same for all.
#include <mutex>
#include <string>
#include <vector>

#include "checker/engine/model.hpp"
#include "model/device_table.hpp"
#include "model/world/layout.hpp"
#include "model/world/params.hpp"

namespace migcheck::world {

/// Action kinds, in the order successors are generated.
enum class ActionKind : uint8_t {
  vmm_step = 1,       ///< a VMM performs its current step (the step's normal outcome)
  request_fails,      ///< fault: the current request fails, leaving the device in `b`
  recover_fails,      ///< fault: the VMM's recover request fails too
  reset_fails,        ///< fault: the VMM's VFIO_DEVICE_RESET fails (QEMU hw_error)
  vmm_recover,        ///< a VMM requests the recover state after a failed request (`b`: from + 1)
  vmm_reset,          ///< a VMM resets the device after a failed request or recover request
  vmm_react,          ///< a VMM acts on a failed request it does not recover from (its error policy)
  repeat_round,       ///< the source VMM repeats a pre-copy round
  guest_write,        ///< a vCPU writes a page
  dma,                ///< a device DMA-writes a page
  progress,           ///< a device's internal state changes
  p2p,                ///< a source device writes into another source device's BAR
  destination_p2p,    ///< a destination device writes into another destination device's BAR
  stream_break,       ///< fault: the migration stream breaks
  load_fails,         ///< fault: the destination rejects the device data
  host_reset,         ///< fault: the host resets a device behind the VMM's back (AER, sysfs)
  guest_reset,        ///< fault: the guest resets a source device (FLR) while its vCPUs run
  reprogram,          ///< the guest driver reinitialises a source device after a reset
  cancel,             ///< the operator cancels the migration
  retry,              ///< the VMMs start a new attempt after a failed one
};

/// Where the world gets the outcome of a request: by default the proposal's
/// explicit table; the property tests plug in the reference MSM machines.
class RequestOracle {
 public:
  virtual ~RequestOracle() = default;
  virtual Outcome outcome(int from, int target) const = 0;
};

/// One VMM program with its handler groups resolved for one feature set.
struct HostProgram {
  std::vector<FlowStep> steps;
  std::vector<int> first, last;  ///< per step: the first and last step of its handler group
};

class World : public engine::Model {
 public:
  /// `oracle` (optional, not owned) answers requests instead of the derived table.
  World(const Proposal& p, Params params, const RequestOracle* oracle = nullptr);

  size_t state_bytes() const override { return layout_.bytes(); }
  std::vector<std::vector<uint8_t>> initial_states() const override;
  void successors(engine::StateView s, engine::Successors& out) const override;
  std::string action_name(uint32_t action) const override;
  /// One step as a sequence-diagram arrow (world_events.cpp).
  struct Event {
    std::string from, to, label;
    bool fault = false;  ///< an injected fault, drawn as a lost message
  };
  Event event(uint32_t action) const;
  /// The citation a step follows (a flow step's source, a rule's), shown beside it in reports.
  std::string citation(uint32_t action) const;
  std::vector<engine::Property> properties() const override;
  /// Nominal behaviour: no fault injected yet (cancel and retry allowed).
  bool nominal(engine::StateView s) const override { return view(s).faults() == 0; }
  /// Every byte's range, so the explorer stores a state in a few bits per field.
  std::vector<uint16_t> value_bounds() const override;
  /// No device symmetry: QEMU takes the devices of a host one after another,
  /// in the order of its device list, at every step.
  std::string symmetry_unavailable() const override;

  const Proposal& proposal() const { return p_; }
  const Params& params() const { return params_; }
  const DeviceTable& table() const { return table_; }
  const Layout& layout() const { return layout_; }
  const HostProgram& program(Host h, Program prog) const { return programs_[h == Host::source ? 0 : 1][static_cast<int>(prog)]; }
  /// Cancel is a source-side action: possible until the source VMM has sent
  /// everything (its `complete` step: QEMU's COMPLETED). Steps 0..this.
  int last_cancellable_step() const { return last_cancellable_; }
  /// Why QEMU refuses this configuration, or "" (QEMU's migration blockers).
  std::string blocked_by_vmm() const;
  View view(engine::StateView s) const { return View{s, layout_}; }

  // Predicates shared by properties, use cases and reports.
  /// Both VMMs are done: nothing more happens in this attempt.
  bool settled(View v) const { return !v.busy(Host::source) && !v.busy(Host::destination); }
  bool source_intact(View v) const;
  bool destination_complete(View v) const;
  /// A destination device has begun loading and has not finished (U8, cancel).
  bool load_under_way(View v) const;
  bool runs(int state) const { return has(table_.flags[state], Flag::runs); }
  /// What device i on a host may do now: its state's flags, except that in
  /// the error state it runs, DMAs, accepts and initiates P2P only as the
  /// state before the failed arc did.
  FlagSet doing(View v, bool source, int i) const {
    const int s = v.state(source, i);
    if (s != table_.error) return table_.flags[s];
    FlagSet f = table_.flags[s] & static_cast<FlagSet>(~(bit(Flag::runs) | bit(Flag::dma) | bit(Flag::p2p_initiate) | bit(Flag::p2p_accept)));
    if (v.fd(i, error_running(source))) f |= bit(Flag::runs) | bit(Flag::dma) | bit(Flag::p2p_accept);
    if (v.fd(i, error_initiating(source))) f |= bit(Flag::p2p_initiate);
    return f;
  }
  /// A source device does guest work: it may run and it is programmed.
  bool active(View v, int i) const { return has(doing(v, true, i), Flag::runs) && !v.dflag(i, kIdle); }

 private:
  const Proposal& p_;
  Params params_;
  DeviceTable table_;
  Layout layout_;
  HostProgram programs_[2][4];  // [host][Program]: the steps active in this feature set
  int last_cancellable_ = -1;
  const RequestOracle* oracle_ = nullptr;

  Outcome outcome(int from, int target) const { return oracle_ ? oracle_->outcome(from, target) : table_.at(from, target); }
  /// States a failed request may leave (proposal's failure rule, the walk's `via`,
  /// and for data-fd designs the target itself when the fd could not be returned).
  std::vector<int> failure_states(int from, const Outcome& o) const;
  /// The walk from `from` to `o.to` opens a data session (returns a data fd).
  bool opens_session(int from, const Outcome& o) const;
  bool session(int s) const { return has(table_.flags[s], Flag::save_session) || has(table_.flags[s], Flag::resuming); }
  /// What a VMM believes of a device it has just opened: QEMU's
  /// vfio_migration_init records RUNNING without asking (vfio-facts §5.2, §6.6).
  int initial_cache() const { return p_.flow.running_state; }

  struct Step;       // one VMM step being applied (vmm_step.hpp)
  struct StepTaker;  // makes its outcomes
  void vmm_step(Host h, View in, engine::Successors& out) const;
  void request(Host h, const HostProgram& prog, View in, engine::Successors& out) const;
  int request_target(const FlowStep& st, View in, Host h, int i) const;
  void recovery_step(Host h, View in, engine::Successors& out) const;
  void environment(View in, engine::Successors& out) const;
  void faults(View in, engine::Successors& out) const;
  void host_resets(View in, engine::Successors& out, Host h) const;
  void guest_resets(View in, engine::Successors& out) const;
  void resets(View in, engine::Successors& out, ActionKind kind, Host h) const;
  void operator_and_retry(View in, engine::Successors& out) const;
  // The partial-order reduction (reduction.cpp).
  bool destination_alone(View in, engine::Successors& out) const;
  bool source_alone(View in, engine::Successors& out) const;
  bool only_bookkeeping(const uint8_t* a, const uint8_t* b, Host h) const;
  /// The operator can cancel now: the source runs its migrate program and has not completed.
  bool cancellable(View in) const {
    return in.mode(Host::source) == HostMode::running && in.phase(Host::source) == Phase::none &&
           in.pc(Host::source) <= last_cancellable_ && !in.flag(kCancelled);
  }
  /// (writer, target) pairs of possible P2P writes between destination
  /// devices that the target loses (its state does not accept P2P).
  std::vector<std::pair<int, int>> destination_p2p_writes(View in) const;
  bool invisible(const uint8_t* a, const uint8_t* b) const;
  mutable std::once_flag visible_once_;
  mutable std::vector<engine::Property> visible_;
};

/// The catalog's safety properties the world poses (applicable ones, no
/// fault-free twins): what random walks and differential tests check.
std::vector<engine::Property> safety_properties(const World& w);

/// An action id: its kind, the host and VMM program and step it belongs
/// to, and two operands (device, page, host, state). For a VMM step `a` is
/// the device plus, for a request, the requested state << 3; `b` is the
/// state the request was issued from + 1, or 0 when the step issued none.
uint32_t encode_action(ActionKind k, Host host, int program, int pc, int a, int b);
struct DecodedAction {
  ActionKind kind;
  Host host;
  int program, pc, a, b;
  int device() const { return a & 7; }
  int requested() const { return a >> 3; }
};
DecodedAction decode_action(uint32_t action);
/// The fault kinds, as attribution names them ("host-initiated reset").
bool is_fault(ActionKind k);
/// Steps that run once per device.
bool per_device(StepOp op);

}  // namespace migcheck::world
