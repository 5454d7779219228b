// The world's properties as named data (ids from property_catalog), each
// with the situation it is about (its premise): a property whose situation
// never occurs is reported vacuous, never holds. Use cases U1-U3 and U6 are
// questions about the device table alone (use_cases.cpp). U4 is posed once
// per migrate step ("U4@k") and U5 as a witness plus a safety half
// ("U5.safe"); check.cpp combines them. Every safety and recovery property
// also has a fault-free twin ("S3@fault-free"): the same question asked of
// the behaviours with no injected fault, so a design's own defects are not
// hidden behind the cheapest fault (review C.6).
#include "model/world/property_catalog.hpp"
#include "model/world/world.hpp"

namespace migcheck::world {

using engine::Property;
using engine::PropertyKind;
using engine::StateView;

namespace {
const char* const kFaultFree = "@fault-free";
}

std::vector<Property> World::properties() const {
  std::vector<Property> out;
  auto add = [&](const char* id, std::function<bool(StateView)> pred, std::function<bool(StateView)> premise = {},
                 std::string premise_text = "", std::string not_applicable = "") {
    const PropertyInfo* info = find_property(id);
    Property p{id, info->name, info->description, info->kind, std::move(pred), {}, {}, std::move(premise_text), "",
               std::move(not_applicable)};
    if (p.kind == PropertyKind::recoverable) p.scope = std::move(premise);
    else p.premise = std::move(premise);
    out.push_back(p);
  };
  const int n = layout_.devices;
  auto loaded_dst_runs = [this, n](View v) {
    for (int i = 0; i < n; ++i)
      if (has(doing(v, false, i), Flag::runs) && v.dflag(i, kLoaded)) return true;
    return false;
  };
  auto dst_vm = [this](StateView s) { return view(s).flag(kVmDestination); };

  add("S1", [this, n, loaded_dst_runs](StateView s) {
        View v = view(s);
        if (v.flag(kVmSource) && v.flag(kVmDestination)) return false;
        bool src_runs = false;
        for (int i = 0; i < n; ++i) src_runs |= active(v, i);
        return !(src_runs && loaded_dst_runs(v));
      },
      [this, loaded_dst_runs](StateView s) { return view(s).flag(kVmDestination) || loaded_dst_runs(view(s)); },
      "the destination VM runs, or a destination device holding migrated state runs");
  add("S2", [this](StateView s) {
        View v = view(s);
        if (!v.flag(kVmDestination)) return true;
        for (int pg = 0; pg < layout_.pages; ++pg)
          if (!v.page_current(pg)) return false;
        return true;
      },
      dst_vm, "the destination VM runs");
  add("S3", [this, n](StateView s) {
        View v = view(s);
        if (!v.flag(kVmDestination)) return true;
        for (int i = 0; i < n; ++i)
          if (!v.dflag(i, kLoaded) || v.dflag(i, kChanged) || v.dflag(i, kLost) || v.dflag(i, kWiped) || v.dflag(i, kDstLost))
            return false;
        return true;
      },
      dst_vm, "the destination VM runs");
  // S4 at the capture: while a source device is in a final-save state and its
  // final state has not been read yet, nothing may change it: not its own
  // activity, nor a P2P write from a peer that can still initiate one.
  add("S4", [this, n](StateView s) {
        View v = view(s);
        for (int i = 0; i < n; ++i) {
          FlagSet f = doing(v, true, i);
          if (!has(f, Flag::final_save) || v.dflag(i, kSaved)) continue;
          if (has(f, Flag::runs) || has(f, Flag::dma)) return false;
          for (int j = 0; j < n; ++j)
            if (j != i && !v.dflag(j, kIdle) && has(doing(v, true, j), Flag::p2p_initiate)) return false;
        }
        return true;
      },
      [this, n](StateView s) {
        for (int i = 0; i < n; ++i)
          if (has(table_.flags[view(s).src_state(i)], Flag::final_save)) return true;
        return false;
      },
      "a source device's final state is captured (a device enters a final-save state)");
  // S5: a destination device in a resume session (its state is being
  // written, chunk by chunk in reality), whose load has begun, or that the
  // destination VM uses, runs or DMAs only once its full state is loaded.
  add("S5", [this, n](StateView s) {
        View v = view(s);
        for (int i = 0; i < n; ++i) {
          FlagSet f = doing(v, false, i);
          bool in_use = v.dflag(i, kLoading) || has(f, Flag::resuming) || v.flag(kVmDestination);
          if (in_use && !v.dflag(i, kLoaded) && (has(f, Flag::runs) || has(f, Flag::dma))) return false;
        }
        return true;
      },
      [this, n](StateView s) {
        View v = view(s);
        for (int i = 0; i < n; ++i)
          if (v.dflag(i, kLoading) || has(table_.flags[v.dst_state(i)], Flag::resuming)) return true;
        return v.flag(kVmDestination);
      },
      "a destination device begins loading state (enters a resume session)");
  add("S6", [this](StateView s) { return !view(s).flag(kUndefined); });
  const bool has_error = table_.error >= 0 && table_.present[table_.error];
  add("S7", [this](StateView s) { return !view(s).mark(kMarkErrorLeft); },
      [this](StateView s) { return view(s).mark(kMarkErrorEntered); }, "a device enters the error state",
      has_error ? "" : "the design has no error state");
  bool has_invalid = false;
  for (int st = 0; st < table_.n; ++st)
    has_invalid |= table_.present[st] && !has(table_.flags[st], Flag::valid) && !has(table_.flags[st], Flag::error);
  add("S8", [this, n](StateView s) {
        View v = view(s);
        for (int i = 0; i < n; ++i)
          for (int st : {v.src_state(i), v.dst_state(i)})
            if (!has(table_.flags[st], Flag::valid) && !has(table_.flags[st], Flag::error)) return false;
        return true;
      },
      {}, "", has_invalid ? "" : "the design has no invalid encoding");
  // R1 asks what the cancel does: its scope is the state right after a cancel
  // of a migration whose source devices were still undamaged: no lost P2P
  // write, no reset by the VMM or behind its back, each where the source
  // VMM believes it is (damage done before the cancel, and the VMM's stale
  // view of a device reset behind its back, are R2's business).
  add("R1", [this](StateView s) { return source_intact(view(s)); },
      [this, n](StateView s) {
        View v = view(s);
        if (!v.mark(kMarkJustCancelled)) return false;
        for (int i = 0; i < n; ++i)
          if (v.dflag(i, kLost) || v.dflag(i, kWiped) || v.dflag(i, kIdle) || v.src_state(i) != v.cache(true, i))
            return false;  // damaged, reset, or not where the VMM believes it is, before the cancel
        return true;
      },
      "the operator cancels a migration whose source devices are undamaged");
  add("R2", [this](StateView s) { return source_intact(view(s)) || destination_complete(view(s)); });
  add("R3", {}, {}, "",
      p_.interface == InterfaceKind::target_state
          ? "check walks the paths migcheck derives from the direct arcs by the path rules, which end by "
            "construction; the walk of a kernel next-step table is checked by `migcheck audit-table`"
          : "a write is one step: the interface walks no path");

  // The fault-free twins of the safety and recovery properties.
  const size_t catalog_end = out.size();
  for (size_t k = 0; k < catalog_end; ++k) {
    Property p = out[k];
    if (!p.not_applicable.empty() || p.kind == PropertyKind::reachable) continue;
    p.id += kFaultFree;
    if (p.kind == PropertyKind::always) {
      auto pred = p.predicate;
      p.predicate = [this, pred](StateView s) { return !nominal(s) || pred(s); };
    } else {
      auto scope = p.scope;
      p.scope = [this, scope](StateView s) { return nominal(s) && (!scope || scope(s)); };
    }
    p.premise = {};  // the premise is the catalog property's business
    out.push_back(p);
  }

  for (size_t k = 0; static_cast<int>(k) <= last_cancellable_; ++k) {
    const PropertyInfo* info = find_property("U4");
    int at = static_cast<int>(k) + 1;
    out.push_back({"U4@" + std::to_string(k + 1), info->name, "cancel at migrate step " + std::to_string(k + 1),
                   PropertyKind::reachable,
                   [this, at](StateView s) { return view(s).cancel_pc() == at && source_intact(view(s)); }, {}, {}, "",
                   "", ""});
  }
  const PropertyInfo* u5 = find_property("U5");
  if (n < 2) {
    out.push_back({"U5", u5->name, u5->description, PropertyKind::reachable, {}, {}, {}, "",
                   "needs at least 2 devices (--devices 2 or more)", ""});
  } else {
    add("U5", [this](StateView s) { return destination_complete(view(s)) && view(s).flag(kP2PApplied); });
    out.push_back({"U5.safe", u5->name, "no P2P write is ever lost", PropertyKind::always,
                   [this, n](StateView s) {
                     for (int i = 0; i < n; ++i)
                       if (view(s).dflag(i, kLost)) return false;
                     return true;
                   },
                   {}, {}, "", "", ""});
  }
  if (params_.attempts < 2) {
    out.push_back({"U7", find_property("U7")->name, find_property("U7")->description, PropertyKind::reachable, {}, {}, {},
                   "", "needs at least 2 attempts (--attempts 2 or more)", ""});
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
                 {}, {}, "", "", ""});
  // U8: a resume abandoned while a load was under way leaves every
  // destination device clean (no migrated state, none running the VM's
  // work) and the source intact.
  add("U8", [this, n](StateView s) {
    View v = view(s);
    if (!source_intact(v) || !v.flag(kDestinationResumed) || v.flag(kVmDestination)) return false;
    for (int i = 0; i < n; ++i) {
      const int st = v.dst_state(i);
      if (v.dflag(i, kLoading) || v.dflag(i, kLoaded)) return false;
      if (st != table_.initial && st != table_.reset_to) return false;
    }
    return true;
  });
  return out;
}

std::vector<Property> safety_properties(const World& w) {
  std::vector<Property> out;
  for (auto& p : w.properties())
    if (p.kind == PropertyKind::always && find_property(p.id) && p.not_applicable.empty()) out.push_back(std::move(p));
  return out;
}

}  // namespace migcheck::world
