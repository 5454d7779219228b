#include "model/world/world_json.hpp"

namespace migcheck::world {

namespace {
const char* mode_name(Mode m) {
  switch (m) {
    case Mode::migrating: return "migrating";
    case Mode::aborting: return "aborting";
    case Mode::succeeded: return "succeeded";
    case Mode::aborted: return "aborted";
    case Mode::crashed: return "vmm-crashed";
    case Mode::undefined: return "undefined-request";
  }
  return "?";
}
const char* program_name(Program p) { return p == Program::migrate ? "migrate" : p == Program::abort ? "abort" : "cancel"; }
}  // namespace

nlohmann::ordered_json state_json(const World& w, View v) {
  using json = nlohmann::ordered_json;
  const Proposal& p = w.proposal();
  json s;
  s["mode"] = mode_name(v.mode());
  s["program"] = program_name(v.program());
  const auto& prog = w.program(v.program());
  bool running = v.mode() == Mode::migrating || v.mode() == Mode::aborting;
  s["next_step"] = running && v.pc() < static_cast<int>(prog.size())
                       ? std::to_string(v.pc() + 1) + ": " + prog[static_cast<size_t>(v.pc())].label
                       : std::string("-");
  s["device_cursor"] = v.cursor();
  s["vm_source_running"] = v.flag(kVmSource);
  s["vm_destination_running"] = v.flag(kVmDestination);
  s["stream_broken"] = v.flag(kStreamBroken);
  s["dirty_logging"] = v.flag(kLogging);
  s["faults"] = v.faults();
  s["attempts"] = v.attempts();
  s["source_devices"] = json::array();
  s["destination_devices"] = json::array();
  for (int i = 0; i < w.layout().devices; ++i) {
    s["source_devices"].push_back({{"state", p.states[v.src_state(i)].name},
                                   {"version", v.src_ver(i)},
                                   {"saved", v.dflag(i, kSaved)},
                                   {"saved_version", v.sent_ver(i)},
                                   {"changed_after_save", v.dflag(i, kChanged)},
                                   {"lost_p2p_write", v.dflag(i, kLost)},
                                   {"idle_after_reset", v.dflag(i, kIdle)},
                                   {"wiped_by_vmm_reset", v.dflag(i, kWiped)}});
    s["destination_devices"].push_back({{"state", p.states[v.dst_state(i)].name},
                                        {"loading", v.dflag(i, kLoading)},
                                        {"loaded", v.dflag(i, kLoaded)},
                                        {"version", v.dst_ver(i)}});
  }
  s["pages"] = json::array();
  for (int pg = 0; pg < w.layout().pages; ++pg)
    s["pages"].push_back({{"source", v.page_src(pg)}, {"destination", v.page_dst(pg)}, {"dirty", v.page_dirty(pg)}});
  s["destination_crashed"] = v.flag(kDestinationCrashed);
  s["error_state_entered"] = v.mark(kMarkErrorEntered);
  s["error_state_left"] = v.mark(kMarkErrorLeft);
  s["just_cancelled"] = v.mark(kMarkJustCancelled);
  return s;
}

}  // namespace migcheck::world
