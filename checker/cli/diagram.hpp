#pragma once
// `migcheck diagram`: the device state machine as Graphviz dot or Mermaid.
#include <ostream>
#include <string>

#include "model/proposal.hpp"

namespace migcheck {

/// Transitions are solid edges; explicit rejections are dashed red edges
/// (target-state: refused pairs); undefined requests are listed on each
/// state and the state is drawn dashed, so undefined and rejected differ.
void print_diagram(std::ostream& out, const Proposal& p, FeatureSet f, const std::string& format);

}  // namespace migcheck
