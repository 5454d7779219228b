#include "checker/engine/simulator.hpp"

#include <cstring>

namespace migcheck::engine {
namespace {

// SplitMix64: small, fast, and the same sequence on every platform (the
// standard library's distributions are not).
struct Random {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return next() % n; }
};

}  // namespace

Walk random_walk(const Model& m, const SimulationOptions& o, uint64_t run) {
  Random rng{o.seed * 0x2545f4914f6cdd1dull + run};
  Walk w;
  w.states.push_back(m.initial_states().front());
  w.actions.push_back(0xffffffffu);
  Successors succ;
  succ.state_bytes = m.state_bytes();
  for (uint32_t k = 0; k < o.steps; ++k) {
    succ.clear();
    m.successors(w.states.back().data(), succ);
    if (succ.size() == 0) break;
    size_t pick = rng.below(100) < o.progress_bias ? 0 : rng.below(succ.size());
    w.actions.push_back(succ.actions[pick]);
    w.states.emplace_back(succ.state(pick), succ.state(pick) + succ.state_bytes);
  }
  return w;
}

Walk replay(const Model& m, const std::vector<uint32_t>& actions) {
  Walk w;
  w.states.push_back(m.initial_states().front());
  w.actions.push_back(0xffffffffu);
  Successors succ;
  succ.state_bytes = m.state_bytes();
  for (size_t k = 1; k < actions.size(); ++k) {
    succ.clear();
    m.successors(w.states.back().data(), succ);
    size_t i = 0;
    while (i < succ.size() && succ.actions[i] != actions[k]) ++i;
    if (i == succ.size()) return {};
    w.actions.push_back(actions[k]);
    w.states.emplace_back(succ.state(i), succ.state(i) + succ.state_bytes);
  }
  return w;
}

int first_violation(const Walk& w, const Property& p) {
  for (size_t k = 0; k < w.states.size(); ++k)
    if (!p.predicate(w.states[k].data())) return static_cast<int>(k);
  return -1;
}

Walk shrink(const Model& m, const Walk& w, const Property& p) {
  int end = first_violation(w, p);
  if (end < 0) return w;
  std::vector<uint32_t> actions(w.actions.begin(), w.actions.begin() + end + 1);
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t k = actions.size(); k-- > 1;) {
      std::vector<uint32_t> fewer = actions;
      fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(k));
      Walk candidate = replay(m, fewer);
      int at = candidate.states.empty() ? -1 : first_violation(candidate, p);
      if (at < 0) continue;
      actions.assign(fewer.begin(), fewer.begin() + at + 1);
      changed = true;
    }
  }
  return replay(m, actions);
}

}  // namespace migcheck::engine
