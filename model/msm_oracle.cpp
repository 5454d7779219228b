#include "model/msm_oracle.hpp"

#include <algorithm>
#include <deque>

namespace migcheck {

MsmOracle::MsmOracle(const Proposal& p, FeatureSet f) : p_(p), in_state_(p.states.size()) {
  std::vector<std::string> names;
  for (size_t i = 0; i < p.features.size(); ++i)
    if (f & (FeatureSet{1} << i)) names.push_back(p.features[i].name);
  std::deque<Device> todo{make_device(p.id, names)};
  auto visit = [&](const Device& d) {
    int s = p.state_index(d.state());
    if (s >= 0 && !in_state_[static_cast<size_t>(s)]) {
      in_state_[static_cast<size_t>(s)] = d;
      todo.push_back(d);
    }
  };
  visit(todo.front());
  while (!todo.empty()) {
    Device d = todo.front();
    todo.pop_front();
    for (const auto& st : p.states) {
      Device next = d;
      if (next.request(st.name).kind == OutcomeKind::transition) visit(next);
    }
    Device failed = d;
    if (failed.fail()) visit(failed);
    Device reset = d;
    if (reset.reset()) visit(reset);
  }
}

Outcome MsmOracle::outcome(int from, int target) const {
  const auto& machine = in_state_[static_cast<size_t>(from)];
  if (!machine) return {OutcomeKind::undefined, -1, {}, "the reference machine never reaches this state"};
  Device d = *machine;
  RequestResult r = d.request(p_.states[static_cast<size_t>(target)].name);
  Outcome o{r.kind, -1, {}, "reference machine"};
  if (r.kind == OutcomeKind::transition) o.to = p_.state_index(d.state());
  for (const auto& v : r.via) o.via.push_back(p_.state_index(v));
  std::sort(o.via.begin(), o.via.end());
  return o;
}

}  // namespace migcheck
