#include "model/world/coverage.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace migcheck::world {
namespace {


bool same_steps(const std::vector<FlowStep>& a, const std::vector<FlowStep>& b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k)
    if (a[k].label != b[k].label || a[k].source != b[k].source) return false;
  return true;
}

const char* kind_name(ActionKind k) {
  switch (k) {
    case ActionKind::vmm_step: return "VMM step";
    case ActionKind::request_fails: return "failed request";
    case ActionKind::recover_fails: return "failed recover request";
    case ActionKind::reset_fails: return "failed VMM reset";
    case ActionKind::vmm_recover: return "VMM recover request";
    case ActionKind::vmm_reset: return "VMM reset after a failure";
    case ActionKind::vmm_react: return "VMM error policy";
    case ActionKind::destination_p2p: return "destination P2P write";
    case ActionKind::repeat_round: return "repeated pre-copy round";
    case ActionKind::guest_write: return "guest page write";
    case ActionKind::dma: return "device DMA";
    case ActionKind::progress: return "device progress";
    case ActionKind::p2p: return "P2P write";
    case ActionKind::stream_break: return "stream break";
    case ActionKind::load_fails: return "destination load failure";
    case ActionKind::host_reset: return "host-initiated reset";
    case ActionKind::guest_reset: return "guest-initiated reset";
    case ActionKind::reprogram: return "guest driver reprogram";
    case ActionKind::cancel: return "cancel";
    case ActionKind::retry: return "retry";
  }
  return "?";
}

}  // namespace

Coverage coverage(const World& w, const engine::Exploration& e) {
  Coverage c;
  const std::set<uint32_t> all(e.actions_seen().begin(), e.actions_seen().end());
  const std::set<uint32_t> nominal(e.nominal_actions_seen().begin(), e.nominal_actions_seen().end());
  const int devices = w.layout().devices;

  // Steps: a VMM step action (issued or skipped) or a failed request means the step was reached.
  auto steps_reached = [](const std::set<uint32_t>& seen) {
    std::set<std::tuple<Host, int, int, int>> out;
    for (uint32_t a : seen) {
      const DecodedAction d = decode_action(a);
      if (d.kind == ActionKind::vmm_step || d.kind == ActionKind::request_fails) out.insert({d.host, d.program, d.pc, d.device()});
    }
    return out;
  };
  const auto reached_all = steps_reached(all), reached_nominal = steps_reached(nominal);
  auto reached = [](const std::set<std::tuple<Host, int, int, int>>& r, Host h, int prog, int pc, int dev) {
    return r.count({h, prog, pc, dev}) > 0;
  };
  for (Host h : {Host::source, Host::destination})
    for (Program prog : {Program::migrate, Program::abort, Program::cancel, Program::resume}) {
      const auto& steps = w.program(h, prog).steps;
      if (prog == Program::cancel && same_steps(steps, w.program(h, Program::abort).steps)) continue;  // cancel runs abort
      const std::string name = std::string(h == Host::source ? "source " : "destination ") + program_name(prog);
      for (size_t k = 0; k < steps.size(); ++k) {
        StepCoverage sc{name, static_cast<int>(k) + 1, steps[k].label, {}, {}};
        const int n = per_device(steps[k].op) ? devices : 1;
        for (int d = 0; d < n; ++d) {
          sc.reached.push_back(reached(reached_all, h, static_cast<int>(prog), static_cast<int>(k), d));
          sc.reached_fault_free.push_back(reached(reached_nominal, h, static_cast<int>(prog), static_cast<int>(k), d));
        }
        if (prog == Program::migrate &&
            std::find(sc.reached_fault_free.begin(), sc.reached_fault_free.end(), true) == sc.reached_fault_free.end())
          c.unreached_fault_free.push_back(name + " step " + std::to_string(k + 1) + " (" + steps[k].label + ")");
        c.steps.push_back(std::move(sc));
      }
    }

  // Requests issued: a request's action carries the state it was issued from + 1 and the state requested.
  std::set<std::pair<int, int>> issued, issued_nominal;
  const DeviceTable& t = w.table();
  for (uint32_t a : all) {
    DecodedAction d = decode_action(a);
    if ((d.kind != ActionKind::vmm_step && d.kind != ActionKind::vmm_recover) || d.b == 0) continue;
    const std::pair<int, int> pair{d.b - 1, d.requested()};
    issued.insert(pair);
    if (nominal.count(a)) issued_nominal.insert(pair);
  }
  c.issued.assign(issued.begin(), issued.end());
  c.issued_fault_free.assign(issued_nominal.begin(), issued_nominal.end());
  for (auto [from, req] : c.issued) c.issued_undefined += t.at(from, req).kind == OutcomeKind::undefined;
  const auto counts = t.counts();
  c.defined = counts.transitions + counts.rejections;

  // Action kinds that never happened anywhere in the explored behaviours.
  std::set<ActionKind> kinds;
  for (uint32_t a : all) kinds.insert(decode_action(a).kind);
  for (int k = static_cast<int>(ActionKind::vmm_step); k <= static_cast<int>(ActionKind::retry); ++k)
    if (!kinds.count(static_cast<ActionKind>(k))) c.never_happened.push_back(kind_name(static_cast<ActionKind>(k)));
  return c;
}

}  // namespace migcheck::world
