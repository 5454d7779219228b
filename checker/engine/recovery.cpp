// Recovery properties: from every reachable state in scope, some path must
// reach a good state. Decided on the stored graph by backward reachability
// from the good states; the first in-scope state (in discovery order, a BFS order) that cannot
// recover is the shortest witness, and its trace runs on to where the
// behaviour gets stuck.
#include <algorithm>
#include <deque>

#include "checker/engine/search.hpp"

namespace migcheck::engine {
namespace {

// States in discovery order: the order a breadth-first walk of the stored
// graph (edges in stored order) first meets them, as a parent-link explorer
// numbers them. It is a BFS order (shortest witnesses), and a state's
// successors sit next to each other, which the passes below depend on for
// speed: the explorer's own numbering (level, hash partition, number)
// scatters them. order[q] is the id at position q, level_position[q] where
// its out-edges are stored (edge_begin is indexed by expansion order), and
// edge_to[e] the position stored edge e leads to.
struct Positions {
  std::vector<uint32_t> order, level_position, edge_to;
  explicit Positions(const Search& s) {
    Search::Counts offset{};  // a state's dense index: its partition's offset + its number
    uint64_t total = 0;
    for (uint32_t p = 0; p < VisitedSet::kPartitions; ++p) {
      offset[p] = static_cast<uint32_t>(total);
      total += s.set.count(p);
    }
    auto dense = [&](uint32_t id) { return offset[VisitedSet::partition_of_id(id)] + VisitedSet::number_of_id(id); };
    std::vector<uint32_t> expanded_at(total), discovered(total, kNone);  // by dense index
    for (size_t level = 0; level + 1 < s.levels.size(); ++level)
      s.each_in_level(level, [&](uint64_t pos, uint32_t id) {
        expanded_at[dense(id)] = static_cast<uint32_t>(pos);
        return true;
      });
    order.reserve(total);
    level_position.reserve(total);
    auto discover = [&](uint32_t id) {
      uint32_t& d = discovered[dense(id)];
      if (d != kNone) return d;
      d = static_cast<uint32_t>(order.size());
      order.push_back(id);
      level_position.push_back(expanded_at[dense(id)]);
      return d;
    };
    s.each_in_level(0, [&](uint64_t, uint32_t id) {
      discover(id);
      return true;
    });
    edge_to.resize(s.edge_to.size());
    for (size_t q = 0; q < order.size(); ++q)  // order grows while it is walked: the BFS queue
      for (uint32_t e = s.edge_begin[level_position[q]]; e < s.edge_begin[level_position[q] + 1]; ++e)
        edge_to[e] = discover(s.edge_to[e]);
  }
  uint32_t edges_begin(const Search& s, uint32_t q) const { return s.edge_begin[level_position[q]]; }
  uint32_t edges_end(const Search& s, uint32_t q) const { return s.edge_begin[level_position[q] + 1]; }
  static constexpr uint32_t kNone = ~0u;
};

// From the first stuck state, the shortest path that avoids good states and
// ends in a state with no successors (such a path exists: no good state is
// reachable from here and the graph is finite, so the walk ends in a dead end
// or a cycle; a cycle with no exit is reported as it is reached).
void extend_to_dead_end(const Search& s, const Positions& at, const std::vector<bool>& good, uint32_t start,
                        Search::Chain& c) {
  const size_t n = at.order.size();
  std::vector<uint32_t> via_edge(n, Exploration::kNoAction), from(n, Exploration::kNoAction);
  std::vector<bool> seen(n, false);
  std::deque<uint32_t> todo{start};
  seen[start] = true;
  while (!todo.empty()) {
    const uint32_t q = todo.front();
    todo.pop_front();
    if (at.edges_begin(s, q) == at.edges_end(s, q)) {  // no successors: stuck here
      std::vector<uint32_t> tail;  // the path's positions after start, from q back
      for (uint32_t cur = q; cur != start; cur = from[cur]) tail.push_back(cur);
      for (auto it = tail.rbegin(); it != tail.rend(); ++it) {
        const uint32_t e = via_edge[*it], source = from[*it];
        c.keys.push_back(s.key_copy(s.edge_to[e]));
        c.actions.push_back(s.edge_action(at.level_position[source], at.order[source], e));
      }
      return;
    }
    for (uint32_t e = at.edges_begin(s, q); e < at.edges_end(s, q); ++e) {
      const uint32_t t = at.edge_to[e];
      if (seen[t] || good[t]) continue;
      seen[t] = true;
      via_edge[t] = e;
      from[t] = q;
      todo.push_back(t);
    }
  }
}

}  // namespace

void decide_recoverable(const Search& s, const std::vector<Property>& props, std::vector<PropertyResult>& results,
                        bool complete, const std::string& stop_reason) {
  std::vector<size_t> asked;  // the recoverable properties to decide
  for (size_t i = 0; i < props.size(); ++i) {
    if (props[i].kind != PropertyKind::recoverable || !props[i].not_expressible.empty() || !props[i].not_applicable.empty())
      continue;
    if (!complete) {
      results[i].verdict = Verdict::unknown;
      results[i].reason = "the state graph is incomplete: " + stop_reason;
      continue;
    }
    asked.push_back(i);
  }
  if (asked.empty()) return;

  const Positions at(s);
  const size_t n = at.order.size();
  std::vector<uint32_t> offset(n + 1, 0), reverse(s.edge_to.size());  // reverse adjacency by position, CSR
  for (size_t e = 0; e < s.edge_to.size(); ++e) ++offset[at.edge_to[e] + 1];
  for (size_t k = 0; k < n; ++k) offset[k + 1] += offset[k];
  {
    std::vector<uint32_t> fill(offset.begin(), offset.end() - 1);
    for (uint32_t from = 0; from < n; ++from)
      for (uint32_t e = at.edges_begin(s, from); e < at.edges_end(s, from); ++e) reverse[fill[at.edge_to[e]]++] = from;
  }
  std::vector<uint8_t> state(s.packer.state_bytes());
  auto at_position = [&](uint32_t q) {
    s.packer.unpack(s.set.key(at.order[q]), state.data());
    return state.data();
  };

  struct Witness {
    size_t property;
    uint32_t position;       // the first state (BFS order) in scope that cannot recover
    std::vector<bool> good;  // the states that can
  };
  std::vector<Witness> witnesses;
  // Up to 32 properties share one backward pass: bit j of can[q] says state
  // q reaches a good state of property asked[base + j]. A state is queued
  // again only when it gains a bit, so the graph is walked about once for all.
  // Each state is unpacked once per group: its good and in-scope bits are
  // read together (in_scope[q], bit j).
  for (size_t base = 0; base < asked.size(); base += 32) {
    const size_t group = std::min<size_t>(32, asked.size() - base);
    std::vector<uint32_t> can(n, 0), in_scope(n, 0), todo;
    for (uint32_t q = 0; q < n; ++q) {
      const uint8_t* st = at_position(q);
      for (size_t j = 0; j < group; ++j) {
        const Property& p = props[asked[base + j]];
        if (p.predicate(st)) can[q] |= uint32_t{1} << j;
        if (!p.scope || p.scope(st)) in_scope[q] |= uint32_t{1} << j;
      }
      if (can[q]) todo.push_back(q);
    }
    while (!todo.empty()) {
      const uint32_t q = todo.back();
      todo.pop_back();
      for (uint32_t k = offset[q]; k < offset[q + 1]; ++k) {
        const uint32_t from = reverse[k];
        if ((can[from] | can[q]) == can[from]) continue;
        can[from] |= can[q];
        todo.push_back(from);
      }
    }
    for (size_t j = 0; j < group; ++j) {
      const size_t i = asked[base + j];
      const uint32_t bit = uint32_t{1} << j;
      results[i].verdict = Verdict::holds;
      for (uint32_t q = 0; q < n; ++q) {
        if ((can[q] & bit) || !(in_scope[q] & bit)) continue;
        results[i].verdict = Verdict::violated;
        std::vector<bool> good(n);
        for (uint32_t r = 0; r < n; ++r) good[r] = (can[r] & bit) != 0;
        witnesses.push_back({i, q, std::move(good)});
        break;
      }
    }
  }
  // The witnesses' traces, rebuilt together (one scan of the levels).
  std::vector<uint32_t> targets;
  for (const auto& w : witnesses) targets.push_back(at.order[w.position]);
  const auto chains = s.chains_to(targets);
  for (size_t k = 0; k < witnesses.size(); ++k) {
    Search::Chain c = chains[k];
    const size_t stuck_from = c.keys.size() - 1;
    extend_to_dead_end(s, at, witnesses[k].good, witnesses[k].position, c);
    PropertyResult& r = results[witnesses[k].property];
    s.concretise(c, r);
    r.reason = "from step " + std::to_string(stuck_from) +
               " on, no path reaches a good state; the trace continues to where it gets stuck";
  }
}

}  // namespace migcheck::engine
