#include "model/path_rules.hpp"

#include <algorithm>
#include <set>

namespace migcheck {

ArcGraph::ArcGraph(int states)
    : n(states),
      present(states, false),
      flags(states, 0),
      arc(states, std::vector<bool>(states, false)),
      refused(states, std::vector<bool>(states, false)) {}

namespace {
bool in_save(FlagSet f) { return has(f, Flag::save_session); }
bool in_resume(FlagSet f) { return has(f, Flag::resuming); }

Outcome reject(std::string why) { return {OutcomeKind::reject, -1, {}, std::move(why)}; }

// Depth-first enumeration of legal paths of exactly `length` arcs.
void legal_paths(const ArcGraph& g, int target, size_t length, std::vector<int>& path,
                 std::vector<std::vector<int>>& out) {
  int cur = path.back();
  size_t step = path.size() - 1;  // index of the arc about to be taken
  if (step == length) {
    if (cur == target) out.push_back(path);
    return;
  }
  for (int next = 0; next < g.n; ++next) {
    if (!g.arc[cur][next] || !g.present[next]) continue;
    if (std::find(path.begin(), path.end(), next) != path.end()) continue;  // shortest paths are simple
    bool last = step + 1 == length;
    if (opens_session(g.flags[cur], g.flags[next]) && !last) continue;
    if (ends_session(g.flags[cur], g.flags[next]) && step != 0) continue;
    path.push_back(next);
    legal_paths(g, target, length, path, out);
    path.pop_back();
  }
}
}  // namespace

bool opens_session(FlagSet from, FlagSet to) {
  return (in_save(to) && !in_save(from)) || (in_resume(to) && !in_resume(from));
}

bool ends_session(FlagSet from, FlagSet to) {
  return (in_save(from) && !in_save(to)) || (in_resume(from) && !in_resume(to));
}

PathResolution resolve_request(const ArcGraph& g, int from, int target) {
  PathResolution r;
  if (!g.present[target]) {
    r.outcome = reject("the target state is not supported with this feature set");
  } else if (has(g.flags[from], Flag::error)) {
    r.outcome = reject("no request leaves the error state; only reset does");
  } else if (!has(g.flags[target], Flag::requestable)) {
    r.outcome = reject("the target state cannot be requested");
  } else if (from == target) {
    r.outcome = {OutcomeKind::transition, target, {}, "already in the requested state: no arc is walked"};
    r.paths.push_back({from});
  } else if (g.refused[from][target]) {
    r.outcome = reject("refused by policy");
  } else {
    for (int length = 1; length < g.n && r.paths.empty(); ++length) {
      std::vector<int> path{from};
      legal_paths(g, target, static_cast<size_t>(length), path, r.paths);
    }
    if (r.paths.empty()) {
      r.outcome = reject("no path of direct arcs keeps the session rules");
    } else {
      std::set<int> via;
      for (const auto& p : r.paths) via.insert(p.begin() + 1, p.end() - 1);
      r.outcome = {OutcomeKind::transition, target, {via.begin(), via.end()},
                   r.paths.size() == 1 ? "shortest legal path" : "several shortest legal paths"};
    }
  }
  return r;
}

}  // namespace migcheck
