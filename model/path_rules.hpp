#pragma once
// Target-state interfaces (v2): the path the core walks for a request, under
// the documented rules (domain.md §2.D, vfio-facts §3.2):
//   1. a shortest path of direct arcs;
//   2. an arc that opens a data session may only be the last step;
//   3. an arc that ends a data session may only be the first step;
//   4. moving inside a session group (the saving states) keeps the session;
//   5. refused (state, target) pairs fail; ERROR is never a target and no
//      request leaves it; a request for the current state walks no arc.
// Where several shortest legal paths exist, every one is returned: the
// interface does not say which the core takes, so a failure may stop on any.
#include <vector>

#include "model/outcome.hpp"

namespace migcheck {

struct ArcGraph {
  int n = 0;
  std::vector<bool> present;                  // state exists in this feature set
  std::vector<FlagSet> flags;                 // semantic flags per state
  std::vector<std::vector<bool>> arc;         // arc[from][to]: a direct arc
  std::vector<std::vector<bool>> refused;     // refused[from][to]
  explicit ArcGraph(int states = 0);
};

/// Opens a session: the target holds a save or resume session the source lacks.
bool opens_session(FlagSet from, FlagSet to);
/// Ends a session: the source holds a save or resume session the target lacks.
bool ends_session(FlagSet from, FlagSet to);

struct PathResolution {
  Outcome outcome;
  std::vector<std::vector<int>> paths;  ///< all shortest legal paths, each from..target
};

PathResolution resolve_request(const ArcGraph& g, int from, int target);

}  // namespace migcheck
