// Each step of a trace as an arrow between lifelines, for sequence diagrams
// (`migcheck trace show --format mermaid`): the guest, the operator, each
// host's VMM and devices, and the stream between the hosts. The lifelines
// are named "guest", "operator", "source VMM", "source device i", "stream",
// "destination VMM", "destination device i". Each step also carries the
// text it follows (citation()), shown beside it in reports.
#include "model/world/world.hpp"

namespace migcheck::world {

namespace {
// Where the world's own rules come from (domain.md §4; review C.1, D.6).
constexpr const char* kGuestWrites = "domain.md §4: the guest writes RAM while its vCPUs run; KVM tracks vCPU writes";
constexpr const char* kDma =
    "domain.md §4: a device DMA-writes guest pages while its state allows DMA (the proposal's dma flag); the write is "
    "seen only while dirty tracking is on";
constexpr const char* kProgress =
    "domain.md §4: a running device's internal state changes; S3 asks whether it changed after its state was saved";
constexpr const char* kP2p =
    "domain.md §4: a device whose state may initiate P2P writes into another device's BAR; the write is lost unless "
    "the peer's state accepts P2P";
constexpr const char* kDestinationP2p =
    "review D.6: a destination device that holds the guest's state may initiate P2P; a peer that does not accept P2P "
    "yet loses the write";
constexpr const char* kHostReset =
    "review C.1: the host resets a device at any time (AER, sysfs, a reset behind QEMU's back)";
constexpr const char* kGuestReset = "review C.1: the guest resets a source device (FLR) while its vCPUs run";
}  // namespace

std::string World::citation(uint32_t action) const {
  const DecodedAction d = decode_action(action);
  const HostProgram& prog = program(d.host, static_cast<Program>(d.program));
  const FlowStep* st = d.pc < static_cast<int>(prog.steps.size()) ? &prog.steps[static_cast<size_t>(d.pc)] : nullptr;
  const std::string step = st ? st->source : std::string();
  auto reset_rule = [&] {
    return p_.reset.source.empty() ? std::string("the design does not say what reset does") : "reset: " + p_.reset.source;
  };
  switch (d.kind) {
    case ActionKind::vmm_step:
      if (st && st->op == StepOp::request && d.b > 0) {
        const std::string why = table_.at(d.b - 1, d.requested()).why;
        return step + (why.empty() ? "" : "; the device: " + why);
      }
      return step;
    case ActionKind::request_fails:
    case ActionKind::recover_fails: return "failure: " + p_.failure.source;
    case ActionKind::reset_fails: return "vfio-facts §5.1 step 5: a failed VFIO_DEVICE_RESET calls hw_error, which aborts QEMU";
    case ActionKind::vmm_recover: return step + "; after a failed request: the recover state (QEMU v2: vfio-facts §5.1 step 3)";
    case ActionKind::vmm_reset: return step + "; VFIO_DEVICE_RESET (QEMU v2: vfio-facts §5.1 step 5); " + reset_rule();
    case ActionKind::vmm_react: return step;
    case ActionKind::repeat_round: return step;
    case ActionKind::guest_write: return kGuestWrites;
    case ActionKind::dma: return kDma;
    case ActionKind::progress: return kProgress;
    case ActionKind::p2p: return kP2p;
    case ActionKind::destination_p2p: return kDestinationP2p;
    case ActionKind::stream_break: return "domain.md §4: the migration stream may break";
    case ActionKind::load_fails: return "domain.md §4: a destination device may reject the data it loads";
    case ActionKind::host_reset: return std::string(kHostReset) + "; " + reset_rule();
    case ActionKind::guest_reset: return std::string(kGuestReset) + "; " + reset_rule();
    case ActionKind::cancel: return "domain.md §4: the operator cancels the migration before the source completes";
    case ActionKind::retry: return "the management layer retries with a new destination process (--attempts)";
    case ActionKind::reprogram: return "review C.1: the guest driver reinitialises a reset device while its vCPUs run";
  }
  return step;
}

World::Event World::event(uint32_t action) const {
  const DecodedAction d = decode_action(action);
  const std::string side = d.host == Host::source ? "source" : "destination";
  const std::string vmm = side + " VMM";
  auto device = [](const std::string& host, int i) { return host + " device " + std::to_string(i); };
  auto state = [&](int s) { return p_.states[static_cast<size_t>(s)].name; };
  const HostProgram& prog = program(d.host, static_cast<Program>(d.program));
  const FlowStep* st = d.pc < static_cast<int>(prog.steps.size()) ? &prog.steps[static_cast<size_t>(d.pc)] : nullptr;
  const std::string label = st ? st->label : "step " + std::to_string(d.pc + 1);
  switch (d.kind) {
    case ActionKind::vmm_step:
      if (!st) break;
      switch (st->op) {
        case StepOp::request:
          if (d.b > 0) return {vmm, device(side, d.device()), state(d.b - 1) + " -> " + state(d.requested())};
          return {vmm, vmm, label + ", device " + std::to_string(d.device()) + ": no request issued"};
        case StepOp::save: return {device(side, d.device()), "stream", "device " + std::to_string(d.device()) + " data"};
        case StepOp::load: return {"stream", device(side, d.device()), "device data (load)"};
        case StepOp::copy_dirty: return {vmm, "stream", "RAM: the dirty pages"};
        case StepOp::close_fds: return {vmm, device(side, d.device()), "close the data fd"};
        case StepOp::vm: return {vmm, "guest", st->on ? "start the vCPUs" : "stop the vCPUs"};
        case StepOp::send:
          if (st->message == Message::result) return {vmm, "source VMM", "result: loaded"};
          return {vmm, "stream", st->message == Message::setup ? "setup" : "end of the stream"};
        case StepOp::complete: return {vmm, "stream", "end of the stream (COMPLETED)"};
        case StepOp::wait:
          if (st->message == Message::result)
            return {"destination VMM", vmm, d.b == 1 ? "the destination failed" : "the destination's result"};
          return {"stream", vmm, st->message == Message::setup ? "setup arrives" : "end arrives"};
        default: return {vmm, vmm, label};
      }
      break;
    case ActionKind::request_fails:
      return {device(side, d.device()), vmm, label + " fails" + (d.b == 255 ? ", leaves ?" : ", leaves " + state(d.b)), true};
    case ActionKind::recover_fails: return {device(side, d.device()), vmm, "recover request fails", true};
    case ActionKind::reset_fails: return {device(side, d.device()), vmm, "VFIO_DEVICE_RESET fails", true};
    case ActionKind::vmm_recover: return {vmm, device(side, d.device()), "recover: " + state(d.requested())};
    case ActionKind::vmm_reset: return {vmm, device(side, d.device()), "VFIO_DEVICE_RESET"};
    case ActionKind::vmm_react: return {vmm, vmm, label + " failed: its error policy"};
    case ActionKind::repeat_round: return {vmm, "stream", "RAM: another pre-copy round"};
    case ActionKind::guest_write: return {"guest", "guest", "writes page " + std::to_string(d.a)};
    case ActionKind::dma: return {device("source", d.a), "guest", "DMA-writes page " + std::to_string(d.b)};
    case ActionKind::progress: return {device("source", d.a), device("source", d.a), "its state changes after the save"};
    case ActionKind::p2p: return {device("source", d.a), device("source", d.b), "P2P write"};
    case ActionKind::destination_p2p:
      return {device("destination", d.a), device("destination", d.b), "P2P write, not accepted: lost"};
    case ActionKind::stream_break: return {"stream", "stream", "breaks", true};
    case ActionKind::load_fails: return {"stream", device("destination", d.a), "the device rejects its data", true};
    case ActionKind::host_reset: {
      const std::string dev = device(d.a == 0 ? "source" : "destination", d.b);
      return {dev, dev, "reset by the host behind the VMM's back", true};
    }
    case ActionKind::guest_reset: return {"guest", device("source", d.b), "FLR (guest reset)", true};
    case ActionKind::cancel: return {"operator", "source VMM", "cancel"};
    case ActionKind::retry: return {"source VMM", "destination VMM", "retry: a new destination process"};
    case ActionKind::reprogram: return {"guest", device("source", d.a), "driver reprograms the device"};
  }
  return {"source VMM", "source VMM", action_name(action)};
}

}  // namespace migcheck::world
