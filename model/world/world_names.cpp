// Names and bounds of the world: what each action is called in traces and
// how many values each state byte takes (for the explorer's bit packing).
#include <algorithm>

#include "model/world/world.hpp"

namespace migcheck::world {

namespace {
bool per_device(StepOp op) { return op == StepOp::request || op == StepOp::save || op == StepOp::load; }
}  // namespace

std::vector<uint16_t> World::value_bounds() const {
  // Each bound is the number of values the byte can take; the explorer's
  // packer rejects a state that breaks one (an internal error, never a
  // silently wrong state).
  size_t longest = std::max({migrate_.size(), abort_.size(), cancel_.size()});
  auto count = [](size_t n) { return static_cast<uint16_t>(std::min<size_t>(n, 256)); };
  std::vector<uint16_t> b(layout_.bytes(), 256);
  b[0] = count(static_cast<size_t>(Mode::undefined) + 1);
  b[1] = count(static_cast<size_t>(Program::cancel) + 1);
  b[2] = count(longest + 1);                           // pc: a step, or the end of the program
  b[3] = count(static_cast<size_t>(layout_.devices));  // cursor: the device a per-device step is at
  b[4] = 256;                                          // header flags: 8 bits
  b[5] = count(static_cast<size_t>(params_.faults) + 1);
  b[6] = count(static_cast<size_t>(params_.attempts));  // attempts after the first: 0 .. attempts - 1
  b[7] = count(static_cast<size_t>(params_.rounds));    // rounds repeated: 0 .. rounds - 1
  b[8] = 8;                                             // monitor marks: 3 bits
  b[9] = count(migrate_.size() + 2);                    // cancel_pc: 0, or the migrate pc + 1
  for (int i = 0; i < layout_.devices; ++i) {
    const size_t d = Layout::kHeader + Layout::kDevice * static_cast<size_t>(i);
    b[d] = b[d + 1] = count(static_cast<size_t>(table_.n));  // source and destination device states
    b[d + 2] = b[d + 3] = b[d + 4] = count(static_cast<size_t>(params_.versions) + 1);
    b[d + 5] = 128;  // device flags: 7 bits
  }
  for (int p = 0; p < layout_.pages; ++p)
    b[Layout::kHeader + Layout::kDevice * static_cast<size_t>(layout_.devices) + static_cast<size_t>(p)] = 128;
  return b;
}

std::string World::symmetry_unavailable() const {
  return "the world's devices are not interchangeable: at every step the VMM takes a host's devices one at a time "
         "in device-list order (QEMU walks its list of VFIO devices), so exchanging two devices changes which one "
         "is stopped, saved or resumed first and what their P2P writes meet";
}

std::string World::action_name(uint32_t action) const {
  DecodedAction d = decode_action(action);
  auto src_dev = [&](int i) { return "source device " + std::to_string(i); };
  const std::string unspecified_reset = table_.reset_to < 0 ? " (the design does not say what reset leaves)" : "";
  auto step_label = [&] {
    const auto& prog = program(static_cast<Program>(d.program));
    std::string name = d.program == 0 ? "migrate" : d.program == 1 ? "abort" : "cancel";
    if (d.pc >= static_cast<int>(prog.size())) return name + " step " + std::to_string(d.pc);
    return name + " step " + std::to_string(d.pc + 1) + " (" + prog[static_cast<size_t>(d.pc)].label + ")";
  };
  switch (d.kind) {
    case ActionKind::vmm_step: {
      std::string s = "vmm: " + step_label();
      const auto& prog = program(static_cast<Program>(d.program));
      if (d.pc < static_cast<int>(prog.size()) && per_device(prog[static_cast<size_t>(d.pc)].op))
        s += ", device " + std::to_string(d.a);
      return s;
    }
    case ActionKind::request_fails:
      return "fault: " + step_label() + " fails for device " + std::to_string(d.a) +
             (d.b == 255 ? ", leaving an unspecified state" : ", leaving it in " + p_.states[static_cast<size_t>(d.b)].name);
    case ActionKind::repeat_round: return "vmm: " + step_label() + ", another pre-copy round";
    case ActionKind::guest_write: return "guest writes page " + std::to_string(d.a);
    case ActionKind::dma: return src_dev(d.a) + " DMA-writes page " + std::to_string(d.b);
    case ActionKind::progress: return src_dev(d.a) + " changes its internal state";
    case ActionKind::p2p: return src_dev(d.a) + " writes into the BAR of " + src_dev(d.b);
    case ActionKind::stream_break: return "fault: the migration stream breaks";
    case ActionKind::load_fails: return "fault: destination device " + std::to_string(d.a) + " rejects its data";
    case ActionKind::host_reset:
      return std::string("fault: the host resets ") + (d.a == 0 ? "source" : "destination") + " device " +
             std::to_string(d.b) + " behind the VMM's back" + unspecified_reset;
    case ActionKind::guest_reset:
      return "fault: the guest resets source device " + std::to_string(d.b) + unspecified_reset;
    case ActionKind::cancel: return "operator cancels the migration";
    case ActionKind::retry: return "vmm: retries the migration";
    case ActionKind::reprogram: return "guest driver reprograms " + src_dev(d.a) + " after its reset";
  }
  return "?";
}

}  // namespace migcheck::world
