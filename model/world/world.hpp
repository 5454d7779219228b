#pragma once
// The world of domain.md §4: a source and a destination host, each with N
// devices of one proposal (driven by its explicit device table), guest pages,
// the migration stream, the VMM's flow for the proposal, and injected
// cancel, failures and resets. Proposals differ only in their tables,
// flags and flows; the environment and properties are the same for all.
#include <string>
#include <vector>

#include "checker/engine/model.hpp"
#include "model/device_table.hpp"
#include "model/world/layout.hpp"
#include "model/world/params.hpp"

namespace migcheck::world {

/// Action kinds, in the order successors are generated.
enum class ActionKind : uint8_t {
  vmm_step = 1,       ///< the VMM performs its current step (the step's normal outcome)
  request_fails,      ///< fault: the current request fails, leaving the device in `extra`
  repeat_round,       ///< the VMM repeats a pre-copy round
  guest_write,        ///< a vCPU writes a page
  dma,                ///< a device DMA-writes a page
  progress,           ///< a device's internal state changes
  p2p,                ///< a device writes into another device's BAR
  stream_break,       ///< fault: the migration stream breaks
  load_fails,         ///< fault: the destination rejects the device data
  host_reset,         ///< fault: the host resets a device behind the VMM's back (AER, sysfs)
  guest_reset,        ///< fault: the guest resets a source device (FLR) while its vCPUs run
  reprogram,          ///< the guest driver reinitialises a source device after a reset
  cancel,             ///< the operator cancels the migration
  retry,              ///< the VMM starts a new attempt after a failed one
};

/// Where the world gets the outcome of a request: by default the proposal's
/// explicit table; the property tests plug in the reference MSM machines.
class RequestOracle {
 public:
  virtual ~RequestOracle() = default;
  virtual Outcome outcome(int from, int target) const = 0;
};

class World : public engine::Model {
 public:
  /// `oracle` (optional, not owned) answers requests instead of the derived table.
  World(const Proposal& p, Params params, const RequestOracle* oracle = nullptr);

  size_t state_bytes() const override { return layout_.bytes(); }
  std::vector<std::vector<uint8_t>> initial_states() const override;
  void successors(engine::StateView s, engine::Successors& out) const override;
  std::string action_name(uint32_t action) const override;
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
  const std::vector<FlowStep>& program(Program prog) const;
  /// Cancel is a source-side action: possible until the source has run its
  /// last migrate step (then QEMU's migration is COMPLETED). Steps 0..this.
  int last_cancellable_step() const { return last_source_step_; }
  View view(engine::StateView s) const { return View{s, layout_}; }

  // Predicates shared by properties, use cases and reports.
  bool source_intact(View v) const;
  bool destination_complete(View v) const;
  /// A destination device has begun loading and has not finished (U8, cancel).
  bool load_under_way(View v) const;
  bool runs(int state) const { return has(table_.flags[state], Flag::runs); }
  /// A source device does guest work: its state lets it run and it is programmed.
  bool active(View v, int i) const { return runs(v.src_state(i)) && !v.dflag(i, kIdle); }

 private:
  const Proposal& p_;
  Params params_;
  DeviceTable table_;
  Layout layout_;
  std::vector<FlowStep> migrate_, abort_, cancel_;  // steps active in this feature set
  int last_source_step_ = -1;
  const RequestOracle* oracle_ = nullptr;

  Outcome outcome(int from, int target) const { return oracle_ ? oracle_->outcome(from, target) : table_.at(from, target); }
  /// States a failed request may leave (proposal's failure rule, the walk's `via`).
  std::vector<int> failure_states(int from, const Outcome& o) const;

  struct Step;  // one VMM step being applied
  void vmm_step(View in, engine::Successors& out) const;
  void environment(View in, engine::Successors& out) const;
  void faults(View in, engine::Successors& out) const;
};

/// The catalog's safety properties the world poses (applicable ones, no
/// fault-free twins): what random walks and differential tests check.
std::vector<engine::Property> safety_properties(const World& w);

/// An action id: its kind, the VMM program and step it belongs to, and two
/// operands (device, page, host, state; for a VMM request step `b` is the
/// state the request was issued from + 1, or 0 when the step issued none).
uint32_t encode_action(ActionKind k, int program, int pc, int a, int b);
struct DecodedAction {
  ActionKind kind;
  int program, pc, a, b;
};
DecodedAction decode_action(uint32_t action);
/// The fault kinds, as attribution names them ("host-initiated reset").
bool is_fault(ActionKind k);

}  // namespace migcheck::world
