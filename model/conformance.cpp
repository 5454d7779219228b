#include "model/conformance.hpp"

#include "model/derive_table.hpp"
#include "model/device_table.hpp"
#include "model/features.hpp"

namespace migcheck {

std::string describe_outcome(const Proposal& p, OutcomeKind kind, int to, const std::vector<int>& via) {
  std::string out(outcome_name(kind));
  if (kind == OutcomeKind::transition) out += " to " + (to >= 0 ? p.states[to].name : std::string("?"));
  if (!via.empty()) {
    out += " via {";
    for (size_t i = 0; i < via.size(); ++i) out += (i ? ", " : "") + (via[i] >= 0 ? p.states[via[i]].name : std::string("?"));
    out += "}";
  }
  return out;
}

std::string path_text(const Proposal& p, const std::vector<int>& path) {
  std::string out;
  for (int s : path) out += (out.empty() ? "" : " -> ") + p.states[s].name;
  return out;
}

namespace {
std::string name_or(const Proposal& p, int s, const char* none) { return s >= 0 ? p.states[s].name : none; }
}  // namespace

std::vector<Mismatch> check_conformance(const Proposal& p) {
  std::vector<Mismatch> out;
  for (FeatureSet f : p.feature_sets()) {
    const std::string fs = feature_set_name(p, f);
    DeviceTable spec = build_table(p, f);
    DerivedTable msm = derive_table(p, f);
    auto add = [&](std::string what) { out.push_back({fs, std::move(what)}); };

    for (const auto& name : msm.problems) add("the MSM machine reaches state " + name + ", which the spec does not have");
    if (spec.initial != msm.initial)
      add("initial state: spec says " + name_or(p, spec.initial, "?") + "; MSM machine says " + name_or(p, msm.initial, "?"));
    if (spec.reset_to != msm.reset_to)
      add("reset: spec says " + name_or(p, spec.reset_to, "undefined") + "; MSM machine says " +
          name_or(p, msm.reset_to, "undefined"));
    int spec_fail = p.failure.error ? spec.error : -1;
    if (spec_fail != msm.fail_to)
      add("failure to the error state: spec says " + name_or(p, spec_fail, "none") + "; MSM machine says " +
          name_or(p, msm.fail_to, "none"));

    std::vector<bool> reach = spec.reachable();
    for (int s = 0; s < spec.n; ++s)
      if (reach[s] != msm.reachable[s])
        add("state " + p.states[s].name + (reach[s] ? " is reachable in the spec but not in the MSM machine"
                                                    : " is reachable in the MSM machine but not in the spec"));
    for (int from = 0; from < spec.n; ++from) {
      if (!reach[from] || !msm.reachable[from]) continue;
      for (int req = 0; req < spec.n; ++req) {
        if (!spec.present[req]) continue;
        const Outcome& a = spec.at(from, req);
        const auto& b = msm.at(from, req);
        if (b && a.same_as(*b)) continue;
        add("(" + p.states[from].name + ", request " + p.states[req].name + "): spec says " +
            describe_outcome(p, a.kind, a.to, a.via) + "; MSM machine says " +
            (b ? describe_outcome(p, b->kind, b->to, b->via) : std::string("nothing (not explored)")));
      }
    }
  }
  return out;
}

}  // namespace migcheck
