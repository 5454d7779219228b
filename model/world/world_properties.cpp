// The world's properties as named data (ids from property_catalog). Use
// cases U1-U3 and U6 are questions about the device table alone; they are
// answered by use_cases.cpp. U4 is posed once per migrate step ("U4@k") and
// U5 as a witness plus a safety half ("U5.safe"); check.cpp combines them.
#include "model/world/property_catalog.hpp"
#include "model/world/world.hpp"

namespace migcheck::world {

using engine::Property;
using engine::PropertyKind;
using engine::StateView;

std::vector<Property> World::properties() const {
  std::vector<Property> out;
  auto add = [&](const char* id, std::function<bool(StateView)> pred, std::function<bool(StateView)> scope = {}) {
    const PropertyInfo* info = find_property(id);
    out.push_back({id, info->name, info->description, info->kind, std::move(pred), std::move(scope), ""});
  };
  const int n = layout_.devices;
  auto live_running_dst = [this, n](View v) {
    for (int i = 0; i < n; ++i)
      if (runs(v.dst_state(i)) && (v.dflag(i, kLoading) || v.dflag(i, kLoaded))) return true;
    return false;
  };

  add("S1", [this, n, live_running_dst](StateView s) {
    View v = view(s);
    if (v.flag(kVmSource) && v.flag(kVmDestination)) return false;
    bool src_runs = false;
    for (int i = 0; i < n; ++i) src_runs |= active(v, i);
    return !(src_runs && live_running_dst(v));
  });
  add("S2", [this](StateView s) {
    View v = view(s);
    if (!v.flag(kVmDestination)) return true;
    for (int pg = 0; pg < layout_.pages; ++pg)
      if (v.page_dst(pg) != v.page_src(pg)) return false;
    return true;
  });
  add("S3", [this, n](StateView s) {
    View v = view(s);
    if (!v.flag(kVmDestination)) return true;
    for (int i = 0; i < n; ++i)
      if (!v.dflag(i, kLoaded) || v.dflag(i, kChanged) || v.dflag(i, kLost)) return false;
    return true;
  });
  add("S4", [this](StateView s) { return !view(s).mark(kMarkUnquiescedSave); });
  add("S5", [this, n](StateView s) {
    View v = view(s);
    for (int i = 0; i < n; ++i) {
      bool partial = v.dflag(i, kLoading) && !v.dflag(i, kLoaded);
      if (runs(v.dst_state(i)) && partial) return false;
      if (v.flag(kVmDestination) && !v.dflag(i, kLoaded)) return false;
    }
    return true;
  });
  add("S6", [this](StateView s) { return view(s).mode() != Mode::undefined; });
  add("S7", [this](StateView s) { return !view(s).mark(kMarkErrorLeft); });
  add("S8", [this, n](StateView s) {
    View v = view(s);
    for (int i = 0; i < n; ++i)
      for (int st : {v.src_state(i), v.dst_state(i)})
        if (!has(table_.flags[st], Flag::valid) && !has(table_.flags[st], Flag::error)) return false;
    return true;
  });
  add("R1", [this](StateView s) { return source_intact(view(s)); },
      [this](StateView s) {
        View v = view(s);
        return v.mode() == Mode::aborting && v.program() == Program::cancel && v.pc() == 0 && v.cursor() == 0;
      });
  add("R2", [this](StateView s) { return source_intact(view(s)) || destination_complete(view(s)); });
  add("R3", [this](StateView s) { return !view(s).mark(kMarkLongWalk); });

  for (size_t k = 0; static_cast<int>(k) <= last_source_step_; ++k) {
    const PropertyInfo* info = find_property("U4");
    int at = static_cast<int>(k) + 1;
    out.push_back({"U4@" + std::to_string(k + 1), info->name, "cancel at migrate step " + std::to_string(k + 1),
                   PropertyKind::reachable,
                   [this, at](StateView s) { return view(s).cancel_pc() == at && source_intact(view(s)); }, {}, ""});
  }
  const PropertyInfo* u5 = find_property("U5");
  if (n < 2) {
    out.push_back({"U5", u5->name, u5->description, PropertyKind::reachable, {}, {},
                   "needs at least 2 devices (--devices 2 or more)"});
  } else {
    add("U5", [this](StateView s) { return destination_complete(view(s)) && view(s).flag(kP2PApplied); });
    out.push_back({"U5.safe", u5->name, "no P2P write is ever lost", PropertyKind::always,
                   [this, n](StateView s) {
                     for (int i = 0; i < n; ++i)
                       if (view(s).dflag(i, kLost)) return false;
                     return true;
                   },
                   {}, ""});
  }
  if (params_.attempts < 2) {
    out.push_back({"U7", find_property("U7")->name, find_property("U7")->description, PropertyKind::reachable, {}, {},
                   "needs at least 2 attempts (--attempts 2 or more)"});
  } else {
    add("U7", [this](StateView s) { return destination_complete(view(s)) && view(s).attempts() >= 1; });
  }
  // Not a catalog property: the witness of a migration that completes with
  // no fault, cancel or retry, written as the reviewed happy-path trace.
  out.push_back({"happy-path", "happy-path", "a migration completes with no fault, cancel or retry",
                 PropertyKind::reachable,
                 [this](StateView s) {
                   View v = view(s);
                   return destination_complete(v) && v.faults() == 0 && v.attempts() == 0 && !v.flag(kCancelled);
                 },
                 {}, ""});
  add("U8", [this, n](StateView s) {
    View v = view(s);
    if (!source_intact(v) || !v.flag(kDestinationResumed)) return false;
    for (int i = 0; i < n; ++i)
      if (v.dflag(i, kLoading) && !v.dflag(i, kLoaded)) return false;
    return true;
  });
  return out;
}

}  // namespace migcheck::world
