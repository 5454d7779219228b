#include "model/next_step.hpp"

#include <algorithm>

#include "model/device_table.hpp"
#include "model/features.hpp"

namespace migcheck {

uint32_t device_flags(const Proposal& p, FeatureSet f) {
  uint32_t flags = p.c_form.mandatory_value;
  for (size_t i = 0; i < p.features.size(); ++i)
    if (f & (FeatureSet{1} << i)) flags |= p.features[i].value;
  return flags;
}

namespace {


// A state's required flags: what the features it needs stand for. The error
// state is always supported ("RUNNING and ERROR are always supported",
// uAPI §4.2), which also makes the original skip loop stop at "not allowed".
uint32_t required_flags(const Proposal& p, int s) {
  uint32_t r = p.c_form.mandatory_value;
  for (size_t i = 0; i < p.features.size(); ++i)
    if (p.states[s].present.requires & (FeatureSet{1} << i)) r |= p.features[i].value;
  return r;
}

bool supported(uint32_t required, uint32_t flags) { return (required & flags) == required; }

}  // namespace

DerivedNextStep derive_next_step(const Proposal& p) {
  DerivedNextStep d;
  const int n = static_cast<int>(p.states.size());
  const int error = p.error_state();
  const FeatureSet all = all_features(p);
  ArcGraph g = build_arc_graph(p, all);
  d.table.n = n;
  d.table.next.assign(static_cast<size_t>(n * n), error);
  for (int s = 0; s < n; ++s) d.table.required.push_back(required_flags(p, s));
  for (int cur = 0; cur < n; ++cur)
    for (int target = 0; target < n; ++target) {
      if (cur == target) {  // the walk does nothing; the kernel's diagonal holds the state itself
        d.table.next[static_cast<size_t>(cur * n + target)] = cur;
        continue;
      }
      PathResolution r = resolve_request(g, cur, target);
      if (r.outcome.kind != OutcomeKind::transition) continue;  // "not allowed"
      int chosen = 0;
      if (r.paths.size() > 1) {
        // Tie-break: a path whose first step lets every reduced feature set
        // reach a shortest legal path through the skip loop wins; otherwise
        // no rule decides and the tie is reported.
        Tie tie{cur, target, r.paths, -1, "no rule decides: several first steps work for every feature set"};
        std::vector<int> good;
        for (size_t k = 0; k < r.paths.size(); ++k) {
          NextStepTable trial = d.table;
          trial.next[static_cast<size_t>(cur * n + target)] = r.paths[k][1];
          bool ok = true;
          for (FeatureSet f : p.feature_sets()) {
            ArcGraph gf = build_arc_graph(p, f);
            if (!gf.present[cur] || !gf.present[target]) continue;
            Walk w = kernel_walk(trial, error, device_flags(p, f), cur, target, WalkVariant::original);
            PathResolution rf = resolve_request(gf, cur, target);
            ok = ok && w.end == Walk::End::reached &&
                 std::find(rf.paths.begin(), rf.paths.end(), w.path) != rf.paths.end();
          }
          if (ok) good.push_back(static_cast<int>(k));
        }
        if (good.size() == 1) {
          tie.chosen = good.front();
          tie.rule = "the only first step that keeps every feature set on a shortest legal path";
        } else if (good.empty()) {
          tie.rule = "no first step keeps every feature set on a shortest legal path";
        }
        chosen = tie.chosen >= 0 ? tie.chosen : 0;
        d.ties.push_back(tie);
      }
      d.table.next[static_cast<size_t>(cur * n + target)] = r.paths[static_cast<size_t>(chosen)][1];
    }
  return d;
}

Walk kernel_walk(const NextStepTable& t, int error, uint32_t flags, int cur, int target, WalkVariant v) {
  Walk w;
  w.path.push_back(cur);
  auto refuse = [&](std::string why) {
    w.end = Walk::End::refused;
    w.why = std::move(why);
    return w;
  };
  while (cur != target) {
    if (!supported(t.required[cur], flags)) return refuse("the current state needs capabilities the device lacks");
    if (!supported(t.required[target], flags)) return refuse("the target state needs capabilities the device lacks");
    int next = t.at(cur, target);
    std::vector<int> skipped{next};
    while (!(v == WalkVariant::error_stops_skip && next == error) && !supported(t.required[next], flags)) {
      next = t.at(next, target);
      auto seen = std::find(skipped.begin(), skipped.end(), next);
      if (seen != skipped.end()) {  // the skip loop revisits a state: it never ends
        w.end = Walk::End::endless;
        w.cycle.assign(seen, skipped.end());
        w.why = "the feature-skip loop never ends";
        return w;
      }
      skipped.push_back(next);
    }
    if (next == error) return refuse("the table says \"not allowed\"");
    if (std::find(w.path.begin(), w.path.end(), next) != w.path.end()) {
      w.path.push_back(next);
      w.end = Walk::End::endless;
      w.cycle.assign(std::find(w.path.begin(), w.path.end(), next), w.path.end());
      w.why = "the walk returns to a state it left";
      return w;
    }
    w.path.push_back(next);
    cur = next;
  }
  return w;
}

std::vector<AuditFailure> audit_next_step(const Proposal& p, const NextStepTable& t, WalkVariant v) {
  std::vector<AuditFailure> out;
  const int n = static_cast<int>(p.states.size());
  const int error = p.error_state();
  for (FeatureSet f : p.feature_sets()) {
    ArcGraph g = build_arc_graph(p, f);
    uint32_t flags = device_flags(p, f);
    for (int cur = 0; cur < n; ++cur) {
      if (!g.present[cur]) continue;  // the device is never in it
      for (int target = 0; target < n; ++target) {
        if (cur == target) continue;  // the driver's loop never consults the table for these
        PathResolution rules = resolve_request(g, cur, target);
        Walk w = kernel_walk(t, error, flags, cur, target, v);
        auto fail = [&](std::string what) { out.push_back({cur, target, f, std::move(what), w}); };
        if (w.end == Walk::End::endless) {
          fail(w.why);
          continue;
        }
        if (rules.outcome.kind != OutcomeKind::transition) {
          if (w.end == Walk::End::reached) fail("must be refused (" + rules.outcome.why + ") but the walk reaches the target");
          else if (w.path.size() > 1) fail("refused only after walking arcs: a refused request must not move the device");
          continue;
        }
        if (w.end == Walk::End::refused) {
          fail("refused (" + w.why + ") but the rules give a path");
          continue;
        }
        bool ok = true;
        for (size_t k = 1; k < w.path.size(); ++k) {
          int a = w.path[k - 1], b = w.path[k];
          if (!g.arc[a][b]) {
            fail("step " + p.states[a].name + " -> " + p.states[b].name + " is not an arc the driver implements with these features");
            ok = false;
          } else if (opens_session(g.flags[a], g.flags[b]) && k + 1 != w.path.size()) {
            fail("arc " + p.states[a].name + " -> " + p.states[b].name + " opens a data session but is not the last step");
            ok = false;
          } else if (ends_session(g.flags[a], g.flags[b]) && k != 1) {
            fail("arc " + p.states[a].name + " -> " + p.states[b].name + " ends a data session but is not the first step");
            ok = false;
          }
        }
        if (ok && w.path.size() != rules.paths.front().size())
          fail("not shortest: " + std::to_string(w.path.size() - 1) + " arcs where " +
               std::to_string(rules.paths.front().size() - 1) + " suffice");
        else if (ok && std::find(rules.paths.begin(), rules.paths.end(), w.path) == rules.paths.end())
          fail("the walk is not one of the paths the rules allow");
      }
    }
  }
  return out;
}

}  // namespace migcheck
