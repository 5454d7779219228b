// Each step of a trace as an arrow between lifelines, for sequence diagrams
// (`migcheck trace show --format mermaid`): the guest, the operator, each
// host's VMM and devices, and the stream between the hosts. The lifelines
// are named "guest", "operator", "source VMM", "source device i", "stream",
// "destination VMM", "destination device i".
#include "model/world/world.hpp"

namespace migcheck::world {

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
      return {device(side, d.device()), vmm, "fails: " + label + (d.b == 255 ? ", leaves ?" : ", leaves " + state(d.b)), true};
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
