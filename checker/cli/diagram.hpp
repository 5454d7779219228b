#pragma once
// `migcheck diagram`: the device state machine as Graphviz dot or Mermaid.
#include <ostream>
#include <string>

#include "model/proposal.hpp"

namespace migcheck {

/// Transitions are solid edges; target-state refusals are dashed red edges.
/// Each state shows how many requests it rejects and leaves undefined (a
/// state with undefined requests is drawn dashed orange, the error state red,
/// invalid encodings as one grey box); the requests themselves are listed in
/// the state table. format: dot, mermaid, or markdown (the mermaid diagram
/// followed by print_diagram_tables).
void print_diagram(std::ostream& out, const Proposal& p, FeatureSet f, const std::string& format);

/// Markdown: the legend of the marks the diagram uses and, per state, the
/// requests it rejects and leaves undefined.
void print_diagram_tables(std::ostream& out, const Proposal& p, FeatureSet f);

}  // namespace migcheck
