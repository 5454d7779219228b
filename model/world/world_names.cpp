// Names and bounds of the world: what each action is called in traces and
// how many values each state byte takes (for the explorer's bit packing).
#include <algorithm>

#include "model/world/world.hpp"

namespace migcheck::world {

std::vector<uint16_t> World::value_bounds() const {
  // Each bound is the number of values the byte can take; the explorer's
  // packer rejects a state that breaks one (an internal error, never a
  // silently wrong state).
  auto count = [](size_t n) { return static_cast<uint16_t>(std::min<size_t>(n, 256)); };
  std::vector<uint16_t> b(layout_.bytes(), 256);
  for (Host h : {Host::source, Host::destination}) {
    size_t longest = 0;
    for (int prog = 0; prog < 4; ++prog) longest = std::max(longest, program(h, static_cast<Program>(prog)).steps.size());
    const size_t x = View::h(h);
    b[x] = count(static_cast<size_t>(HostMode::crashed) + 1);
    b[x + 1] = count(static_cast<size_t>(Program::resume) + 1);
    b[x + 2] = count(longest + 1);                          // pc: a step, or the end of the program
    b[x + 3] = count(static_cast<size_t>(layout_.devices));  // cursor: the device a per-device step is at
    b[x + 4] = count(static_cast<size_t>(Phase::react) + 1);
  }
  const size_t m = View::kMisc;
  b[m] = 128;     // header flags: 7 bits
  b[m + 1] = 16;  // stream flags: 4 bits
  b[m + 2] = count(static_cast<size_t>(params_.faults) + 1);
  b[m + 3] = count(static_cast<size_t>(params_.attempts));  // attempts after the first: 0 .. attempts - 1
  b[m + 4] = count(static_cast<size_t>(params_.rounds));    // rounds repeated: 0 .. rounds - 1
  b[m + 5] = 8;                                             // monitor marks: 3 bits
  b[m + 6] = count(static_cast<size_t>(last_cancellable_) + 2);  // cancel_pc: 0, or the source pc + 1
  for (int i = 0; i < layout_.devices; ++i) {
    const size_t d = Layout::kHeader + Layout::kDevice * static_cast<size_t>(i);
    for (size_t k = 0; k < 4; ++k) b[d + k] = count(static_cast<size_t>(table_.n));  // states and cached states
    b[d + Layout::kDeviceFlags] = 256;  // device flags: 8 bits
    b[d + Layout::kDeviceFd] = 256;     // data fd flags and error activity: 8 bits
  }
  for (int p = 0; p < layout_.pages; ++p)
    b[Layout::kHeader + Layout::kDevice * static_cast<size_t>(layout_.devices) + static_cast<size_t>(p)] = 4;  // 2 bits
  return b;
}

std::string World::symmetry_unavailable() const {
  return "the world's devices are not interchangeable: at every step the VMM takes a host's devices one at a time "
         "in device-list order (QEMU walks its list of VFIO devices), so exchanging two devices changes which one "
         "is stopped, saved or resumed first and what their P2P writes meet";
}

namespace {
std::string policy(const FlowStep* st) {
  if (!st) return "?";
  switch (st->on_error) {
    case OnError::abort: return "the migration fails";
    case OnError::report: return "reported, and it goes on";
    case OnError::crash: return "the VMM exits";
  }
  return "?";
}
}  // namespace

std::string World::action_name(uint32_t action) const {
  DecodedAction d = decode_action(action);
  const std::string host = d.host == Host::source ? "source" : "destination";
  auto src_dev = [&](int i) { return "source device " + std::to_string(i); };
  const std::string unspecified_reset = table_.reset_to < 0 ? " (the design does not say what reset leaves)" : "";
  const HostProgram& prog = program(d.host, static_cast<Program>(d.program));
  const bool known = d.pc < static_cast<int>(prog.steps.size());
  const FlowStep* st = known ? &prog.steps[static_cast<size_t>(d.pc)] : nullptr;
  auto step_label = [&] {
    std::string name = host + " " + program_name(static_cast<Program>(d.program));
    if (!st) return name + " step " + std::to_string(d.pc);
    return name + " step " + std::to_string(d.pc + 1) + " (" + st->label + ")";
  };
  auto dev = [&] { return st && per_device(st->op) ? ", device " + std::to_string(d.device()) : std::string(); };
  switch (d.kind) {
    case ActionKind::vmm_step: {
      if (d.b > 0 && st && st->op == StepOp::request)
        return host + " vmm: " + step_label() + dev() + ": " + p_.states[static_cast<size_t>(d.b - 1)].name + " -> " +
               p_.states[static_cast<size_t>(d.requested())].name + " requested";
      return host + " vmm: " + step_label() + dev() +
             (st && st->op == StepOp::wait && st->message == Message::result && d.b == 1 ? ": the destination failed" : "");
    }
    case ActionKind::request_fails:
      return "fault: " + step_label() + " fails for device " + std::to_string(d.device()) +
             (d.b == 255 ? ", leaving an unspecified state" : ", leaving it in " + p_.states[static_cast<size_t>(d.b)].name);
    case ActionKind::recover_fails:
      return "fault: the " + host + " VMM's recover request fails for device " + std::to_string(d.device());
    case ActionKind::reset_fails:
      return "fault: the " + host + " VMM's VFIO_DEVICE_RESET of device " + std::to_string(d.device()) + " fails (hw_error)";
    case ActionKind::vmm_recover:
      return host + " vmm: recover device " + std::to_string(d.device()) + " after the failed " + step_label() +
             ": request " + p_.states[static_cast<size_t>(d.requested())].name;
    case ActionKind::vmm_reset:
      return host + " vmm: reset device " + std::to_string(d.device()) + " (VFIO_DEVICE_RESET) after the failed " +
             step_label();
    case ActionKind::vmm_react:
      return host + " vmm: " + step_label() + " failed for device " + std::to_string(d.device()) + ": " + policy(st) +
             (p_.flow.crash_on_error_state ? " (hw_error if the device reports the error state)" : "");
    case ActionKind::repeat_round: return "source vmm: " + step_label() + ", another pre-copy round";
    case ActionKind::guest_write: return "guest writes page " + std::to_string(d.a);
    case ActionKind::dma: return src_dev(d.a) + " DMA-writes page " + std::to_string(d.b);
    case ActionKind::progress: return src_dev(d.a) + " changes its internal state";
    case ActionKind::p2p: return src_dev(d.a) + " writes into the BAR of " + src_dev(d.b);
    case ActionKind::destination_p2p:
      return "destination device " + std::to_string(d.a) + " writes into the BAR of destination device " +
             std::to_string(d.b) + ", which does not accept it";
    case ActionKind::stream_break: return "fault: the migration stream breaks";
    case ActionKind::load_fails: return "fault: destination device " + std::to_string(d.a) + " rejects its data";
    case ActionKind::host_reset:
      return std::string("fault: the host resets ") + (d.a == 0 ? "source" : "destination") + " device " +
             std::to_string(d.b) + " behind the VMM's back" + unspecified_reset;
    case ActionKind::guest_reset:
      return "fault: the guest resets source device " + std::to_string(d.b) + unspecified_reset;
    case ActionKind::cancel: return "operator cancels the migration";
    case ActionKind::retry: return "vmms: retry the migration (a new destination process)";
    case ActionKind::reprogram: return "guest driver reprograms " + src_dev(d.a) + " after its reset";
  }
  return "?";
}

}  // namespace migcheck::world
