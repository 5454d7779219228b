#include "model/arc_counts.hpp"

#include <set>
#include <utility>

#include "model/path_rules.hpp"

namespace migcheck {

ArcCounts arc_counts(const Proposal& p, FeatureSet f) {
  DeviceTable t = build_table(p, f);
  std::vector<bool> reach = t.reachable();
  const bool target = p.interface == InterfaceKind::target_state;
  ArcGraph g = target ? build_arc_graph(p, f) : ArcGraph{};
  std::set<std::pair<int, int>> arcs;
  ArcCounts c;
  for (int from = 0; from < t.n; ++from) {
    if (!t.present[from] || !reach[from]) continue;
    for (int req = 0; req < t.n; ++req) {
      if (!t.present[req]) continue;
      const Outcome& o = t.at(from, req);
      if (o.kind == OutcomeKind::reject) ++c.refused;
      if (o.kind == OutcomeKind::undefined) ++c.undefined;
      if (o.kind != OutcomeKind::transition) continue;
      if (o.to == from) {
        ++c.same_state;
        continue;
      }
      if (!target) {
        arcs.insert({from, o.to});
        continue;
      }
      // Every shortest legal walk: a driver must implement each arc the core may take.
      PathResolution r = resolve_request(g, from, req);
      for (const auto& path : r.paths)
        for (size_t i = 1; i < path.size(); ++i) arcs.insert({path[i - 1], path[i]});
      if (!r.paths.empty() && r.paths.front().size() > 2) ++c.combinations;
    }
  }
  c.driver_arcs = static_cast<int>(arcs.size());
  return c;
}

std::string arc_counts_text(const Proposal& p, FeatureSet f) {
  ArcCounts c = arc_counts(p, f);
  if (p.interface == InterfaceKind::target_state)
    return std::to_string(c.driver_arcs) + " FSM arcs a driver implements, " + std::to_string(c.combinations) +
           " combination transitions the core walks as several arcs, " + std::to_string(c.same_state) +
           " same-state requests, " + std::to_string(c.refused) + " refused";
  return std::to_string(c.driver_arcs) + " state changes a driver implements (one per defined write), " +
         std::to_string(c.same_state) + " same-state writes, " + std::to_string(c.refused) + " rejected, " +
         std::to_string(c.undefined) + " undefined";
}

nlohmann::ordered_json arc_counts_json(const Proposal& p, FeatureSet f) {
  ArcCounts a = arc_counts(p, f);
  return {{"driver_arcs", a.driver_arcs}, {"combination_transitions", a.combinations}, {"same_state", a.same_state},
          {"refused", a.refused}, {"undefined", a.undefined}};
}

}  // namespace migcheck
