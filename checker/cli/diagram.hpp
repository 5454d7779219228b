#pragma once
// `migcheck diagram`: the device state machine as Graphviz dot or Mermaid.
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "model/proposal.hpp"

namespace migcheck {

/// Transitions are solid edges; target-state refusals are dashed red edges.
/// Each state shows how many requests it rejects and leaves undefined (a
/// state with undefined requests is drawn dashed orange, the error state red,
/// invalid encodings as one grey box); the requests themselves are listed in
/// the state table. format: dot, mermaid, or markdown (the mermaid diagram
/// followed by print_diagram_tables).
void print_diagram(std::ostream& out, const Proposal& p, FeatureSet f, const std::string& format);

/// What a diagram leaves to a table beside it: the meaning of each mark it
/// uses; per state, the requests it rejects (write interfaces; "-" if none)
/// and leaves undefined; the invalid encodings and what writing one does.
struct DiagramNotes {
  std::vector<std::pair<std::string, std::string>> legend;  ///< (mark, meaning)
  struct Row {
    std::string state, rejected, undefined;
  };
  std::vector<Row> states;  ///< only states that reject or leave undefined some request
  std::string invalid;      ///< a sentence, or empty
};
DiagramNotes diagram_notes(const Proposal& p, FeatureSet f);

/// Markdown: the legend of the marks the diagram uses and, per state, the
/// requests it rejects and leaves undefined.
void print_diagram_tables(std::ostream& out, const Proposal& p, FeatureSet f);

}  // namespace migcheck
