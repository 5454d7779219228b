#include "checker/engine/explorer.hpp"

#include <chrono>
#include <algorithm>
#include <deque>

#include "checker/engine/state_store.hpp"

namespace migcheck::engine {

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::holds: return "holds";
    case Verdict::violated: return "violated";
    case Verdict::unknown: return "unknown";
    case Verdict::not_expressible: return "not expressible";
  }
  return "?";
}

struct Exploration::Storage {
  explicit Storage(size_t bytes) : states(bytes) {}
  StateStore states;
};

Exploration::Exploration(const Model& model, Limits limits)
    : model_(model), limits_(limits), props_(model.properties()), store_(std::make_shared<Storage>(model.state_bytes())) {}

const uint8_t* Exploration::state(uint32_t n) const { return store_->states.at(n); }

void Exploration::set_trace(PropertyResult& r, uint32_t n) const {
  r.trace.clear();
  r.actions.clear();
  for (uint32_t cur = n; cur != kNoAction; cur = parent_[cur]) {
    r.trace.push_back(cur);
    r.actions.push_back(action_[cur]);
  }
  std::reverse(r.trace.begin(), r.trace.end());
  std::reverse(r.actions.begin(), r.actions.end());
}

// A recovery counterexample ends at the first state (in BFS order) that
// cannot reach a good state; the initial state may be that state. To show
// where the behaviour gets stuck, follow the shortest path from there to a
// state with no successors (edges are stored in the order states were
// expanded, so each state's out-edges are one contiguous run).
void Exploration::extend_to_dead_end(PropertyResult& r, const std::vector<bool>& good) const {
  const size_t n = store_->states.count();
  std::vector<uint32_t> via_edge(n, kNoAction), from(n, kNoAction);
  std::deque<uint32_t> todo{r.trace.back()};
  std::vector<bool> seen(n, false);
  seen[r.trace.back()] = true;
  while (!todo.empty()) {
    uint32_t s = todo.front();
    todo.pop_front();
    if (edge_begin_[s] == edge_begin_[s + 1]) {  // no successors: stuck here
      std::vector<uint32_t> tail;
      for (uint32_t cur = s; cur != r.trace.back(); cur = from[cur]) tail.push_back(via_edge[cur]);
      for (auto it = tail.rbegin(); it != tail.rend(); ++it) {
        r.trace.push_back(edge_to_[*it]);
        r.actions.push_back(edge_action_[*it]);
      }
      return;
    }
    for (uint32_t e = edge_begin_[s]; e < edge_begin_[s + 1]; ++e) {
      uint32_t t = edge_to_[e];
      if (seen[t] || good[t]) continue;
      seen[t] = true;
      via_edge[t] = e;
      from[t] = s;
      todo.push_back(t);
    }
  }
}

uint64_t Exploration::memory() const {
  return store_->states.memory_bytes() + parent_.memory_bytes() + action_.memory_bytes() + edge_begin_.memory_bytes() +
         edge_to_.memory_bytes() + edge_action_.memory_bytes();
}

void Exploration::run() {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  StateStore& store = store_->states;
  bool keep_edges = false;
  results_.assign(props_.size(), {});
  std::vector<bool> open(props_.size(), false);  // still being decided during the search
  for (size_t i = 0; i < props_.size(); ++i) {
    results_[i].id = props_[i].id;
    if (!props_[i].not_expressible.empty()) {
      results_[i].verdict = Verdict::not_expressible;
      results_[i].reason = props_[i].not_expressible;
      continue;
    }
    open[i] = props_[i].kind != PropertyKind::recoverable;
    keep_edges |= props_[i].kind == PropertyKind::recoverable;
  }

  // Checks a newly stored state against the open properties; the first
  // state found is the shortest counterexample (or witness) in BFS order.
  auto examine = [&](uint32_t n) {
    for (size_t i = 0; i < props_.size(); ++i) {
      if (!open[i]) continue;
      bool sat = props_[i].predicate(store.at(n));
      if (props_[i].kind == PropertyKind::always && !sat) {
        results_[i].verdict = Verdict::violated;
        set_trace(results_[i], n);
        open[i] = false;
      } else if (props_[i].kind == PropertyKind::reachable && sat) {
        results_[i].verdict = Verdict::holds;
        set_trace(results_[i], n);
        open[i] = false;
      }
    }
  };

  std::deque<std::pair<uint32_t, uint32_t>> frontier;  // (state, depth)
  for (const auto& init : model_.initial_states()) {
    auto [n, inserted] = store.insert(init.data());
    if (!inserted) continue;
    parent_.push_back(kNoAction);
    action_.push_back(kNoAction);
    examine(n);
    frontier.emplace_back(n, 0);
  }

  Successors succ;
  succ.state_bytes = store.stride();
  uint64_t expanded = 0;
  while (!frontier.empty()) {
    if ((++expanded & 1023) == 0 || limits_.max_states) {
      stats_.memory_bytes = memory();
      double elapsed = std::chrono::duration<double>(clock::now() - start).count();
      if (limits_.max_states && store.count() >= limits_.max_states)
        stop_reason_ = "--max-states " + std::to_string(limits_.max_states) + " reached";
      else if (limits_.max_memory_bytes && stats_.memory_bytes >= limits_.max_memory_bytes)
        stop_reason_ = "--max-memory " + std::to_string(limits_.max_memory_bytes) + " bytes reached";
      else if (limits_.time_limit_seconds > 0 && elapsed >= limits_.time_limit_seconds)
        stop_reason_ = "--time-limit " + std::to_string(limits_.time_limit_seconds) + " s reached";
      if (!stop_reason_.empty()) {
        complete_ = false;
        break;
      }
      if (progress_ && (expanded & ((1u << 18) - 1)) == 0) progress_(store.count(), elapsed);
    }
    auto [n, depth] = frontier.front();
    frontier.pop_front();
    stats_.depth = std::max(stats_.depth, depth);
    if (keep_edges) edge_begin_.push_back(static_cast<uint32_t>(edge_to_.size()));
    succ.clear();
    model_.successors(store.at(n), succ);
    stats_.transitions += succ.size();
    for (size_t k = 0; k < succ.size(); ++k) {
      auto [m, inserted] = store.insert(succ.state(k));
      if (keep_edges) {
        edge_to_.push_back(m);
        edge_action_.push_back(succ.actions[k]);
      }
      if (!inserted) continue;
      parent_.push_back(n);
      action_.push_back(succ.actions[k]);
      examine(m);
      frontier.emplace_back(m, depth + 1);
    }
  }

  if (keep_edges)  // states never expanded (a stopped search) get empty runs
    while (edge_begin_.size() <= store.count()) edge_begin_.push_back(static_cast<uint32_t>(edge_to_.size()));
  stats_.states = store.count();
  stats_.memory_bytes = memory();
  stats_.seconds = std::chrono::duration<double>(clock::now() - start).count();

  for (size_t i = 0; i < props_.size(); ++i) {
    if (!open[i]) continue;
    if (!complete_) {
      results_[i].verdict = Verdict::unknown;
      results_[i].reason = "exploration stopped: " + stop_reason_;
    } else if (props_[i].kind == PropertyKind::always) {
      results_[i].verdict = Verdict::holds;
    } else {
      results_[i].verdict = Verdict::violated;
      results_[i].reason = "no reachable state satisfies it";
    }
  }
  decide_recoverable();
}

// From every state in scope some path must reach a good state: mark the
// states that can reach a good state (backward BFS over the stored edges);
// the first unmarked in-scope state in BFS order is the shortest witness of
// a dead end.
void Exploration::decide_recoverable() {
  const size_t n = store_->states.count();
  std::vector<uint32_t> offset, reverse;
  bool built = false;
  for (size_t i = 0; i < props_.size(); ++i) {
    const Property& p = props_[i];
    if (p.kind != PropertyKind::recoverable || !p.not_expressible.empty()) continue;
    if (!complete_) {
      results_[i].verdict = Verdict::unknown;
      results_[i].reason = "the state graph is incomplete: " + stop_reason_;
      continue;
    }
    if (!built) {  // reverse adjacency in CSR form
      offset.assign(n + 1, 0);
      for (size_t e = 0; e < edge_to_.size(); ++e) ++offset[edge_to_[e] + 1];
      for (size_t k = 0; k < n; ++k) offset[k + 1] += offset[k];
      reverse.resize(edge_to_.size());
      std::vector<uint32_t> fill(offset.begin(), offset.end() - 1);
      for (uint32_t from = 0; from < n; ++from)
        for (uint32_t e = edge_begin_[from]; e < edge_begin_[from + 1]; ++e) reverse[fill[edge_to_[e]]++] = from;
      built = true;
    }
    std::vector<bool> good(n, false);
    std::deque<uint32_t> todo;
    for (uint32_t s = 0; s < n; ++s)
      if (p.predicate(store_->states.at(s))) {
        good[s] = true;
        todo.push_back(s);
      }
    while (!todo.empty()) {
      uint32_t s = todo.front();
      todo.pop_front();
      for (uint32_t k = offset[s]; k < offset[s + 1]; ++k)
        if (!good[reverse[k]]) {
          good[reverse[k]] = true;
          todo.push_back(reverse[k]);
        }
    }
    results_[i].verdict = Verdict::holds;
    for (uint32_t s = 0; s < n; ++s) {
      if (good[s] || (p.scope && !p.scope(store_->states.at(s)))) continue;
      results_[i].verdict = Verdict::violated;
      set_trace(results_[i], s);
      size_t stuck_from = results_[i].trace.size() - 1;
      extend_to_dead_end(results_[i], good);
      results_[i].reason = "from step " + std::to_string(stuck_from) +
                           " on, no path reaches a good state; the trace continues to where it gets stuck";
      break;
    }
  }
}

}  // namespace migcheck::engine
