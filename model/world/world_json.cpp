#include "model/world/world_json.hpp"

namespace migcheck::world {

namespace {
const char* mode_name(HostMode m) {
  switch (m) {
    case HostMode::running: return "migrating";
    case HostMode::aborting: return "aborting";
    case HostMode::done: return "done";
    case HostMode::failed: return "failed";
    case HostMode::crashed: return "crashed";
  }
  return "?";
}
const char* phase_name(Phase p) {
  static const char* const names[] = {"-", "recover the device", "reset the device", "act on the error"};
  return names[static_cast<int>(p) & 3];
}

const char* fd_text(View v, bool source, int i) {
  if (!v.fd(i, fd_held(source))) return "none";
  return v.fd(i, fd_dead(source)) ? "held, its session ended" : "held";
}

nlohmann::ordered_json vmm_json(const World& w, View v, Host h) {
  nlohmann::ordered_json s;
  s["mode"] = mode_name(v.mode(h));
  s["program"] = program_name(v.program(h));
  const auto& prog = w.program(h, v.program(h)).steps;
  s["next_step"] = v.busy(h) && v.pc(h) < static_cast<int>(prog.size())
                       ? std::to_string(v.pc(h) + 1) + ": " + prog[static_cast<size_t>(v.pc(h))].label
                       : std::string("-");
  s["device_cursor"] = v.cursor(h);
  s["after_failed_request"] = phase_name(v.phase(h));
  return s;
}
}  // namespace

nlohmann::ordered_json state_json(const World& w, View v) {
  using json = nlohmann::ordered_json;
  const Proposal& p = w.proposal();
  json s;
  s["source_vmm"] = vmm_json(w, v, Host::source);
  s["destination_vmm"] = vmm_json(w, v, Host::destination);
  s["undefined_request"] = v.flag(kUndefined);
  s["vm_source_running"] = v.flag(kVmSource);
  s["vm_destination_running"] = v.flag(kVmDestination);
  s["stream"] = {{"setup_sent", v.stream(kSetupSent)},
                 {"end_sent", v.stream(kEndSent)},
                 {"broken", v.stream(kStreamBroken)},
                 {"destination_result_ok", v.stream(kResultOk)}};
  s["dirty_logging"] = v.flag(kLogging);
  s["faults"] = v.faults();
  s["attempts"] = v.attempts();
  s["source_devices"] = json::array();
  s["destination_devices"] = json::array();
  for (int i = 0; i < w.layout().devices; ++i) {
    s["source_devices"].push_back({{"state", p.states[v.src_state(i)].name},
                                   {"vmm_believes", p.states[v.cache(true, i)].name},
                                   {"vmm_data_fd", fd_text(v, true, i)},
                                   {"saved", v.dflag(i, kSaved)},
                                   {"changed_after_save", v.dflag(i, kChanged)},
                                   {"lost_p2p_write", v.dflag(i, kLost)},
                                   {"idle_after_reset", v.dflag(i, kIdle)},
                                   {"wiped_by_vmm_reset", v.dflag(i, kWiped)}});
    s["destination_devices"].push_back({{"state", p.states[v.dst_state(i)].name},
                                        {"vmm_believes", p.states[v.cache(false, i)].name},
                                        {"vmm_data_fd", fd_text(v, false, i)},
                                        {"lost_p2p_write", v.dflag(i, kDstLost)},
                                        {"loading", v.dflag(i, kLoading)},
                                        {"loaded", v.dflag(i, kLoaded)}});
  }
  s["pages"] = json::array();
  for (int pg = 0; pg < w.layout().pages; ++pg)
    s["pages"].push_back({{"destination_up_to_date", v.page_current(pg)}, {"dirty", v.page_dirty(pg)}});
  s["error_state_entered"] = v.mark(kMarkErrorEntered);
  s["error_state_left"] = v.mark(kMarkErrorLeft);
  s["just_cancelled"] = v.mark(kMarkJustCancelled);
  return s;
}

}  // namespace migcheck::world
