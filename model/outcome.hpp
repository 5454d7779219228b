#pragma once
// The outcome of one request from one device state.
#include <string>
#include <vector>

#include "model/proposal.hpp"

namespace migcheck {

struct Outcome {
  OutcomeKind kind = OutcomeKind::undefined;
  int to = -1;           ///< for transitions: the state reached
  std::vector<int> via;  ///< states a failure may leave behind on the way (sorted, target excluded)
  std::string why;       ///< citation or reason shown in reports; not compared

  bool same_as(const Outcome& o) const { return kind == o.kind && to == o.to && via == o.via; }
};

}  // namespace migcheck
