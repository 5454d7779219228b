// Rebuilding counterexamples without parent links: the predecessor of a
// state at level d is the first state of level d - 1, in BFS order, with a
// transition into it. Scanning a level costs what expanding it cost, and
// only levels a counterexample crosses are scanned (all targets at once).
#include <algorithm>
#include <array>
#include <stdexcept>
#include <unordered_map>

#include "checker/engine/search.hpp"

namespace migcheck::engine {

std::vector<Search::Chain> Search::chains_to(const std::vector<uint32_t>& targets) const {
  std::vector<Chain> chains(targets.size());
  std::vector<uint32_t> at(targets.size());     // each chain's current (earliest) state
  std::vector<uint32_t> level(targets.size());  // and its level
  uint32_t deepest = 0;
  for (size_t i = 0; i < targets.size(); ++i) {
    chains[i].keys.push_back(key_copy(targets[i]));
    at[i] = targets[i];
    level[i] = level_of(targets[i]);
    deepest = std::max(deepest, level[i]);
  }
  const KeyOps& ops = set.ops();
  std::vector<uint8_t> keys;
  std::vector<uint32_t> actions;
  for (uint32_t l = deepest; l > 0; --l) {
    // Chains waiting for a predecessor of a level-l state: by id when the
    // graph is stored (its edges name ids), else by the hash of the key.
    std::unordered_multimap<uint64_t, size_t> wanted;
    for (size_t i = 0; i < chains.size(); ++i)
      if (level[i] == l) wanted.emplace(keep_edges ? at[i] : ops.hash(chains[i].keys.back().data()), i);
    if (wanted.empty()) continue;
    // Nearly every edge a scan meets leads elsewhere: a 4096-bit filter of the
    // wanted lookups turns those away before the map is consulted.
    std::array<uint64_t, 64> filter{};
    auto bit = [](uint64_t lookup) { return static_cast<unsigned>((lookup * 0x9e3779b97f4a7c15ull) >> 52); };
    for (const auto& w : wanted) filter[bit(w.first) >> 6] |= uint64_t{1} << (bit(w.first) & 63);
    // action(): the edge's action, asked for only when the edge is taken.
    auto offer = [&](uint64_t lookup, const uint8_t* key, uint32_t from, auto&& action) {
      if (!(filter[bit(lookup) >> 6] >> (bit(lookup) & 63) & 1)) return;
      auto range = wanted.equal_range(lookup);
      for (auto it = range.first; it != range.second;) {
        Chain& c = chains[it->second];
        if (key && !ops.equal(c.keys.back().data(), key)) {  // by key: compare, the hash may collide
          ++it;
          continue;
        }
        c.actions.push_back(action());
        c.keys.push_back(key_copy(from));
        at[it->second] = from;
        --level[it->second];
        it = wanted.erase(it);
      }
    };
    each_in_level(l - 1, [&](uint64_t pos, uint32_t id) {
      if (keep_edges) {
        for (uint64_t e = edge_begin[pos]; e < edge_begin[pos + 1] && !wanted.empty(); ++e)
          offer(edge_to[e], nullptr, id, [&] { return edge_action(pos, id, e); });
      } else {
        out_edges(id, keys, actions);
        for (size_t k = 0; k < actions.size(); ++k) {
          const uint8_t* key = keys.data() + k * key_stride();
          offer(ops.hash(key), key, id, [&] { return actions[k]; });
        }
      }
      return !wanted.empty();
    });
    if (!wanted.empty()) throw std::logic_error("trace rebuild: a state of level " + std::to_string(l) + " has no predecessor");
  }
  for (auto& c : chains) {
    c.actions.push_back(Exploration::kNoAction);
    std::reverse(c.keys.begin(), c.keys.end());
    std::reverse(c.actions.begin(), c.actions.end());
  }
  return chains;
}

void Search::concretise(const Chain& c, PropertyResult& r) const {
  r.states.clear();
  r.actions.clear();
  if (c.keys.empty()) return;
  const size_t bytes = packer.state_bytes();
  if (!options.symmetry) {
    for (const auto& k : c.keys) {
      r.states.emplace_back(bytes);
      packer.unpack(k.data(), r.states.back().data());
    }
    r.actions = c.actions;
    return;
  }
  // Under symmetry the chain is a path of orbit representatives. Walk it
  // with real states: from the real state in the orbit of keys[i], some
  // successor lies in the orbit of keys[i + 1] (the model's transitions
  // commute with its permutations); take the first in the model's order.
  std::vector<uint8_t> scratch(bytes), key(key_stride());
  auto in_orbit = [&](const uint8_t* s, const std::vector<uint8_t>& k) {
    scratch.assign(s, s + bytes);
    to_key(scratch.data(), key.data());
    return set.ops().equal(key.data(), k.data());
  };
  for (const auto& init : model.initial_states())
    if (in_orbit(init.data(), c.keys[0])) {
      r.states.push_back(init);
      break;
    }
  r.actions.push_back(Exploration::kNoAction);
  Successors succ;
  succ.state_bytes = bytes;
  for (size_t i = 1; i < c.keys.size() && r.states.size() == i; ++i) {
    succ.clear();
    model.successors(r.states.back().data(), succ);
    for (size_t k = 0; k < succ.size(); ++k)
      if (in_orbit(succ.state(k), c.keys[i])) {
        r.states.emplace_back(succ.state(k), succ.state(k) + bytes);
        r.actions.push_back(succ.actions[k]);
        break;
      }
  }
  if (r.states.size() != c.keys.size())
    throw std::logic_error("symmetry: the model's canonical form does not commute with its transitions (step " +
                           std::to_string(r.states.size()) + " of a trace has no concrete successor)");
}

}  // namespace migcheck::engine
