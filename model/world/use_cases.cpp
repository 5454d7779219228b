#include "model/world/use_cases.hpp"

#include <deque>
#include <functional>

namespace migcheck::world {
namespace {

using StatePred = std::function<bool(int)>;  // over state indices

// Shortest sequence of defined requests from `from` to a state satisfying
// `goal`, passing only through states satisfying `through`. Empty optional
// if none; the vector holds the states visited, `from` first.
std::vector<int> find_path(const DeviceTable& t, int from, const StatePred& goal, const StatePred& through) {
  std::vector<int> parent(static_cast<size_t>(t.n), -2);
  std::deque<int> todo{from};
  parent[from] = -1;
  while (!todo.empty()) {
    int s = todo.front();
    todo.pop_front();
    if (s != from && goal(s)) {
      std::vector<int> path;
      for (int c = s; c >= 0; c = parent[c]) path.insert(path.begin(), c);
      return path;
    }
    for (int r = 0; r < t.n; ++r) {
      if (!t.present[r]) continue;
      const Outcome& o = t.at(s, r);
      if (o.kind != OutcomeKind::transition || parent[o.to] != -2) continue;
      if (!through(o.to) && !goal(o.to)) continue;
      parent[o.to] = s;
      todo.push_back(o.to);
    }
  }
  return {};
}

std::string describe(const Proposal& p, const std::vector<int>& path) {
  std::string out;
  for (int s : path) out += (out.empty() ? "" : " -> ") + p.states[s].name;
  return out;
}

// There and back again: from the running state to a goal state and back.
UseCaseAnswer round_trip(const Proposal& p, const DeviceTable& t, const StatePred& goal, const StatePred& through,
                         const std::string& what) {
  int run = p.flow.running_state;
  auto there = find_path(t, run, goal, through);
  if (there.empty()) return {false, "no sequence of defined requests from " + p.states[run].name + " " + what};
  auto back = find_path(t, there.back(), [run](int s) { return s == run; }, through);
  if (back.empty() || back.back() != run)
    return {false, "no sequence of defined requests returns from " + p.states[there.back()].name + " to " + p.states[run].name};
  back.erase(back.begin());
  there.insert(there.end(), back.begin(), back.end());
  return {true, describe(p, there)};
}

}  // namespace

UseCaseAnswer tracking_alone(const Proposal& p, const DeviceTable& t) {
  if (p.flow.separate_tracking) return {true, "dirty tracking is separate from the device state (flow.dirty_tracking)"};
  // Every state on the way keeps the device running and is no migration phase.
  auto running = [&t](int s) { return has(t.flags[s], Flag::runs) && !has(t.flags[s], Flag::migration_phase); };
  auto answer = round_trip(p, t, [&t, running](int s) { return running(s) && has(t.flags[s], Flag::tracking); }, running,
                           "reaches a running state with dirty tracking on without entering a migration phase");
  if (answer.expressible)
    for (int s = 0; s < t.n; ++s)
      if (t.present[s] && running(s) && has(t.flags[s], Flag::tracking) && has(t.flags[s], Flag::save_session))
        answer.reason += " (tracking in " + p.states[s].name + " also opens a save session)";
  return answer;
}

UseCaseAnswer pause_resume(const Proposal& p, const DeviceTable& t) {
  // No save or resume session, no tracking, no migration phase, no error.
  auto plain = [&t](int s) {
    FlagSet f = t.flags[s];
    return !has(f, Flag::save_session) && !has(f, Flag::resuming) && !has(f, Flag::error) && !has(f, Flag::tracking) &&
           !has(f, Flag::migration_phase);
  };
  return round_trip(p, t, [&t, plain](int s) { return !has(t.flags[s], Flag::runs) && plain(s); }, plain,
                    "stops the device without entering a migration phase, a tracking state or a session");
}

UseCaseAnswer pre_copy(const Proposal& p, const DeviceTable& t) {
  auto path = find_path(
      t, p.flow.running_state,
      [&t](int s) {
        FlagSet f = t.flags[s];
        return has(f, Flag::runs) && has(f, Flag::save_session) && has(f, Flag::incremental);
      },
      [](int) { return true; });
  if (path.empty()) return {false, "no defined request reaches a running state whose save session streams changes (incremental)"};
  return {true, describe(p, path)};
}

UseCaseAnswer failure_without_state(const Proposal& p, const DeviceTable& t) {
  std::string invented;
  for (int s = 0; s < t.n; ++s)
    if (t.present[s] && has(t.flags[s], Flag::reports_failure) && has(t.flags[s], Flag::requestable))
      invented += (invented.empty() ? "" : ", ") + p.states[s].name;
  if (!invented.empty())
    return {false, "a failure is represented by a state user space writes (" + invented + ")" +
                       (p.failure.unspecified ? ", and what a failed request leaves is unspecified" : "")};
  if (p.failure.unspecified)
    return {false, "the design does not say what a failed request leaves (failure.leaves: unspecified): " + p.failure.source};
  std::string left;
  if (p.failure.original) left += "the original state";
  if (p.failure.path) left += std::string(left.empty() ? "" : ", ") + "a state on the walked path";
  if (p.failure.error && t.error >= 0) left += std::string(left.empty() ? "" : ", ") + "the error state " + p.states[t.error].name;
  return {true, "the request returns an error; it leaves " + left};
}

}  // namespace migcheck::world
