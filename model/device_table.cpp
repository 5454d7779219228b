#include "model/device_table.hpp"

#include <algorithm>
#include <deque>

#include "model/path_rules.hpp"

namespace migcheck {

ArcGraph build_arc_graph(const Proposal& p, FeatureSet f) {
  ArcGraph g(static_cast<int>(p.states.size()));
  for (int s = 0; s < g.n; ++s) {
    g.present[s] = p.states[s].present.holds(f);
    g.flags[s] = p.states[s].flags_in(f);
  }
  for (const auto& a : p.arcs)
    if (a.when.holds(f)) g.arc[a.from][a.to] = true;
  for (const auto& r : p.refusals) g.refused[r.from][r.to] = true;
  return g;
}

DeviceTable build_table(const Proposal& p, FeatureSet f) {
  DeviceTable t;
  t.proposal = &p;
  t.features = f;
  t.n = static_cast<int>(p.states.size());
  for (const auto& s : p.states) {
    t.present.push_back(s.present.holds(f));
    t.flags.push_back(s.flags_in(f));
  }
  t.initial = p.initial_state(f);
  t.reset_to = p.reset_state(f);
  t.error = p.error_state();
  t.outcomes.resize(static_cast<size_t>(t.n * t.n));
  if (p.interface == InterfaceKind::target_state) {
    ArcGraph g = build_arc_graph(p, f);
    for (int from = 0; from < t.n; ++from)
      for (int req = 0; req < t.n; ++req)
        if (t.present[from] && t.present[req]) t.outcomes[from * t.n + req] = resolve_request(g, from, req).outcome;
    return t;
  }
  for (int from = 0; from < t.n; ++from)
    for (int req = 0; req < t.n; ++req) {
      Outcome o{p.default_outcome.kind, -1, {}, p.default_outcome.source};
      for (const auto& rule : p.outcomes)
        if (rule.from == from && rule.request == req && rule.when.holds(f)) o = {rule.kind, rule.to, {}, rule.source};
      t.outcomes[from * t.n + req] = o;
    }
  return t;
}

std::vector<bool> DeviceTable::reachable() const {
  std::vector<bool> seen(static_cast<size_t>(n), false);
  std::deque<int> todo{initial};
  seen[initial] = true;
  auto visit = [&](int s) {
    if (s >= 0 && !seen[s]) {
      seen[s] = true;
      todo.push_back(s);
    }
  };
  while (!todo.empty()) {
    int s = todo.front();
    todo.pop_front();
    for (int r = 0; r < n; ++r) {
      if (!present[r]) continue;
      const Outcome& o = at(s, r);
      if (o.kind == OutcomeKind::transition) {
        visit(o.to);
        for (int v : failure_states(s, r)) visit(v);
      }
    }
    visit(reset_to);
  }
  return seen;
}

DeviceTable::Counts DeviceTable::counts() const {
  std::vector<bool> reach = reachable();
  Counts c;
  for (int s = 0; s < n; ++s) {
    if (!present[s]) continue;
    ++c.states;
    (has(flags[s], Flag::valid) ? c.valid : c.invalid) += 1;
    if (!reach[s]) continue;
    ++c.reachable;
    for (int r = 0; r < n; ++r) {
      if (!present[r]) continue;
      OutcomeKind k = at(s, r).kind;
      (k == OutcomeKind::transition ? c.transitions : k == OutcomeKind::reject ? c.rejections : c.undefined) += 1;
    }
  }
  return c;
}

std::vector<int> failure_states(const FailureSpec& rule, int error, int from, const std::vector<int>& via) {
  std::vector<int> out;
  if (rule.original) out.push_back(from);
  if (rule.path) out.insert(out.end(), via.begin(), via.end());
  if (rule.error && error >= 0) out.push_back(error);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<int> DeviceTable::failure_states(int from, int request) const {
  return migcheck::failure_states(proposal->failure, error, from, at(from, request).via);
}

}  // namespace migcheck
