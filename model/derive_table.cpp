#include "model/derive_table.hpp"

#include <algorithm>
#include <deque>

#include "model/device.hpp"

namespace migcheck {

DerivedTable derive_table(const Proposal& p, FeatureSet f) {
  DerivedTable t;
  t.features = f;
  t.n = static_cast<int>(p.states.size());
  t.reachable.assign(static_cast<size_t>(t.n), false);
  t.outcomes.resize(static_cast<size_t>(t.n * t.n));

  std::vector<std::string> names;
  for (size_t i = 0; i < p.features.size(); ++i)
    if (f & (FeatureSet{1} << i)) names.push_back(p.features[i].name);
  Device start = make_device(p.id, names);

  auto index = [&](const std::string& name) {
    int s = p.state_index(name);
    if (s < 0 && std::find(t.problems.begin(), t.problems.end(), name) == t.problems.end())
      t.problems.push_back(name);
    return s;
  };

  std::deque<Device> todo;
  auto visit = [&](const Device& d) {
    int s = index(d.state());
    if (s >= 0 && !t.reachable[s]) {
      t.reachable[s] = true;
      todo.push_back(d);
    }
    return s;
  };
  t.initial = visit(start);
  while (!todo.empty()) {
    Device d = todo.front();
    todo.pop_front();
    int from = p.state_index(d.state());
    for (int req = 0; req < t.n; ++req) {
      if (!p.states[req].present.holds(f)) continue;
      Device next = d;
      RequestResult r = next.request(p.states[req].name);
      Outcome o{r.kind, -1, {}, "reference machine"};
      if (r.kind == OutcomeKind::transition) o.to = visit(next);
      for (const auto& v : r.via) o.via.push_back(index(v));
      std::sort(o.via.begin(), o.via.end());
      t.outcomes[static_cast<size_t>(from * t.n + req)] = o;
    }
    Device failed = d;
    if (failed.fail()) t.fail_to = visit(failed);
    Device reset = d;
    if (reset.reset()) t.reset_to = visit(reset);
  }
  return t;
}

}  // namespace migcheck
