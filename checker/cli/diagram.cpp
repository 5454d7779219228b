#include "checker/cli/diagram.hpp"

#include <set>
#include <tuple>

#include "model/device_table.hpp"
#include "model/features.hpp"
#include "model/path_rules.hpp"

namespace migcheck {
namespace {

enum class EdgeKind { transition, reject, reset };
struct Edge {
  int from, to;
  std::string label;
  EdgeKind kind;
  bool operator<(const Edge& o) const { return std::tie(from, to, label) < std::tie(o.from, o.to, o.label); }
};

// One drawn state: what a reviewer needs on the node itself. The requests it
// rejects or leaves undefined are counted here and listed in the state table
// beside the diagram (a list on the node made diagrams 16,000 px wide).
struct Node {
  int state;
  std::vector<int> rejected, undefined;
  bool error;
};

struct Picture {
  std::vector<Node> nodes;       // reachable states, in proposal order
  std::vector<int> invalid;      // encodings the proposal calls invalid (drawn as one node)
  OutcomeKind invalid_outcome = OutcomeKind::reject;  // what writing one does, if all agree
  bool invalid_mixed = false;
  std::set<Edge> edges;
  bool target = false;
};

// Target-state interfaces draw the driver's direct arcs; write interfaces draw each defined write.
std::set<Edge> edges(const Proposal& p, const DeviceTable& t, const std::vector<bool>& reach) {
  std::set<Edge> out;
  if (p.interface == InterfaceKind::target_state) {
    ArcGraph g = build_arc_graph(p, t.features);
    for (int a = 0; a < t.n; ++a)
      for (int b = 0; b < t.n; ++b) {
        if (g.arc[a][b] && t.present[a] && t.present[b]) out.insert({a, b, "", EdgeKind::transition});
        if (g.refused[a][b] && t.present[a] && t.present[b]) out.insert({a, b, "refused", EdgeKind::reject});
      }
  } else {
    for (int from = 0; from < t.n; ++from)
      for (int req = 0; req < t.n; ++req) {
        if (!reach[from] || !t.present[req]) continue;
        const Outcome& o = t.at(from, req);
        if (o.kind == OutcomeKind::transition)
          out.insert({from, o.to, o.to == req ? "" : "write " + p.states[req].name, EdgeKind::transition});
      }
  }
  if (t.reset_to >= 0 && t.error >= 0 && t.present[t.error]) out.insert({t.error, t.reset_to, "reset", EdgeKind::reset});
  return out;
}

bool is_invalid_encoding(const DeviceTable& t, int s) {
  return t.present[s] && !has(t.flags[s], Flag::valid) && !has(t.flags[s], Flag::error);
}

Picture picture(const Proposal& p, FeatureSet f) {
  DeviceTable t = build_table(p, f);
  std::vector<bool> reach = t.reachable();
  Picture pic;
  pic.target = p.interface == InterfaceKind::target_state;
  pic.edges = edges(p, t, reach);
  for (int s = 0; s < t.n; ++s) {
    if (!t.present[s] || !reach[s]) continue;
    Node n{s, {}, {}, has(t.flags[s], Flag::error)};
    for (int req = 0; req < t.n; ++req) {
      if (!t.present[req]) continue;
      OutcomeKind k = t.at(s, req).kind;
      if (k == OutcomeKind::reject) n.rejected.push_back(req);
      if (k == OutcomeKind::undefined) n.undefined.push_back(req);
    }
    pic.nodes.push_back(n);
  }
  bool first = true;
  for (int s = 0; s < t.n; ++s) {
    if (!is_invalid_encoding(t, s)) continue;
    pic.invalid.push_back(s);
    for (const Node& n : pic.nodes) {
      OutcomeKind k = t.at(n.state, s).kind;
      if (first) pic.invalid_outcome = k;
      else if (k != pic.invalid_outcome) pic.invalid_mixed = true;
      first = false;
    }
  }
  return pic;
}

std::string counts_line(const Picture& pic, const Node& n) {
  std::string out;
  // Target-state interfaces draw their refusals as arcs; every state also
  // refuses requests for ERROR, which says nothing about the design.
  if (!pic.target && !n.rejected.empty()) out += std::to_string(n.rejected.size()) + " rejected";
  if (!n.undefined.empty()) out += (out.empty() ? "" : " · ") + std::to_string(n.undefined.size()) + " undefined";
  return out;
}

std::string names(const Proposal& p, const std::vector<int>& states) {
  std::string out;
  for (int s : states) out += (out.empty() ? "" : ", ") + p.states[s].name;
  return out;
}

std::string invalid_line(const Proposal& p, const Picture& pic) {
  std::string out = "invalid encodings: ";
  for (size_t i = 0; i < pic.invalid.size(); ++i)
    out += (i ? ", " : "") + p.states[pic.invalid[i]].name + " (" + std::to_string(p.states[pic.invalid[i]].value) + ")";
  return out;
}

std::string invalid_note(const Picture& pic) {
  if (pic.invalid_mixed) return "writing one: rejected or undefined, by state";
  return pic.invalid_outcome == OutcomeKind::reject ? "writing one is rejected" : "writing one is undefined";
}

// Meaning of each mark, for the marks this picture uses.
std::vector<std::pair<std::string, std::string>> legend_rows(const Picture& pic) {
  std::vector<std::pair<std::string, std::string>> rows;
  bool labelled = false, refused = false, reset = false, undef = false, rejects = false, error = false;
  for (const auto& e : pic.edges) {
    labelled |= e.kind == EdgeKind::transition && !e.label.empty();
    refused |= e.kind == EdgeKind::reject;
    reset |= e.kind == EdgeKind::reset;
  }
  for (const auto& n : pic.nodes) {
    undef |= !n.undefined.empty();
    rejects |= !pic.target && !n.rejected.empty();
    error |= n.error;
  }
  rows.push_back({"solid arrow", pic.target ? "an FSM arc the driver implements (the core combines arcs for other requests)"
                                            : "a defined write of the target state"});
  if (labelled) rows.push_back({"arrow labelled 'write X'", "writing X lands in the arrow's target, not in X"});
  if (refused) rows.push_back({"red dashed arrow", "a request the interface refuses"});
  if (reset) rows.push_back({"dotted arrow", "device reset, the only way out of the error state"});
  if (rejects) rows.push_back({"n rejected", "writes this state rejects (listed in the state table)"});
  if (undef) rows.push_back({"orange dashed box, n undefined", "requests whose outcome the design leaves undefined"});
  if (error) rows.push_back({"red box", "the error state"});
  if (!pic.invalid.empty()) rows.push_back({"grey box", "encodings the proposal calls invalid"});
  return rows;
}

std::string dot_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string md_cell(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string mermaid_id(const std::string& name) {
  std::string id;
  for (char c : name) id += (c == '|') ? '_' : c;
  return id;
}

void print_dot(std::ostream& out, const Proposal& p, FeatureSet f, const Picture& pic) {
  out << "// migcheck diagram " << p.id << " --features " << feature_set_name(p, f) << "\n";
  // Top to bottom: a left-to-right layout of ten states and their labels
  // was several screens wide.
  out << "digraph \"" << dot_escape(p.id) << "\" {\n  rankdir=TB; nodesep=0.25; ranksep=0.45;\n"
      << "  node [shape=box, style=rounded, fontname=\"monospace\", fontsize=11];\n"
      << "  edge [fontname=\"monospace\", fontsize=9];\n";
  out << "  __start [shape=point];\n  __start -> \"" << dot_escape(p.states[p.initial_state(f)].name) << "\";\n";
  for (const Node& n : pic.nodes) {
    std::string label = dot_escape(p.states[n.state].name) + " (" + std::to_string(p.states[n.state].value) + ")";
    if (n.error) label += "\\nerror state";
    std::string counts = counts_line(pic, n);
    if (!counts.empty()) label += "\\n" + counts;
    out << "  \"" << dot_escape(p.states[n.state].name) << "\" [label=\"" << label << "\"";
    if (n.error) out << ", style=\"rounded,filled,bold\", fillcolor=\"#fde2e2\", color=red";
    else if (!n.undefined.empty()) out << ", style=\"rounded,dashed\", color=orange";
    out << "];\n";
  }
  if (!pic.invalid.empty()) {
    std::string label = "invalid encodings";
    for (int s : pic.invalid) label += "\\n" + dot_escape(p.states[s].name) + " (" + std::to_string(p.states[s].value) + ")";
    out << "  __invalid [label=\"" << label << "\\n" << invalid_note(pic)
        << "\", style=\"dashed,filled\", fillcolor=\"#eeeeee\", color=grey50, fontcolor=grey30];\n";
  }
  for (const auto& e : pic.edges) {
    out << "  \"" << dot_escape(p.states[e.from].name) << "\" -> \"" << dot_escape(p.states[e.to].name) << "\"";
    if (e.kind == EdgeKind::reject) out << " [style=dashed, color=red, fontcolor=red, label=\"refused\"]";
    else if (e.kind == EdgeKind::reset) out << " [style=dotted, label=\"reset\"]";
    else if (!e.label.empty()) out << " [label=\"" << dot_escape(e.label) << "\"]";
    out << ";\n";
  }
  // The legend is the graph's label, under the drawing (as a node it took a
  // rank's width beside the states), in plain text lines: Graphviz 2.42
  // never frees an HTML-like graph label.
  out << "  labelloc=b; labeljust=l; fontname=\"monospace\"; fontsize=9;\n  label=\"legend\\l";
  for (const auto& [mark, meaning] : legend_rows(pic)) out << dot_escape(mark + ": " + meaning) << "\\l";
  out << "\";\n}\n";
}

void print_mermaid(std::ostream& out, const Proposal& p, FeatureSet f, const Picture& pic) {
  out << "%% migcheck diagram " << p.id << " --features " << feature_set_name(p, f) << "\n";
  out << "stateDiagram-v2\n";
  out << "  classDef errorState fill:#fde2e2,stroke:#c00,stroke-width:2px\n"
      << "  classDef undefinedRequests stroke:#e69500,stroke-width:2px,stroke-dasharray:5 3\n"
      << "  classDef invalidEncodings fill:#eee,stroke:#888,color:#444,stroke-dasharray:3 3\n";
  for (const Node& n : pic.nodes) {
    const std::string& name = p.states[n.state].name;
    if (name.find('|') != std::string::npos) out << "  state \"" << name << "\" as " << mermaid_id(name) << "\n";
  }
  if (!pic.invalid.empty()) out << "  state \"" << invalid_line(p, pic) << "\" as invalid_encodings\n";
  out << "  [*] --> " << mermaid_id(p.states[p.initial_state(f)].name) << "\n";
  for (const auto& e : pic.edges) {
    out << "  " << mermaid_id(p.states[e.from].name) << " --> " << mermaid_id(p.states[e.to].name);
    if (e.kind == EdgeKind::reject) out << " : ✗ refused";
    else if (e.kind == EdgeKind::reset) out << " : reset";
    else if (!e.label.empty()) out << " : " << e.label;
    out << "\n";
  }
  // "STATE : text" adds a line inside the state's box.
  for (const Node& n : pic.nodes) {
    std::string id = mermaid_id(p.states[n.state].name);
    if (n.error) out << "  " << id << " : error state\n";
    std::string counts = counts_line(pic, n);
    if (!counts.empty()) out << "  " << id << " : " << counts << "\n";
    if (n.error) out << "  class " << id << " errorState\n";
    else if (!n.undefined.empty()) out << "  class " << id << " undefinedRequests\n";
  }
  if (!pic.invalid.empty())
    out << "  invalid_encodings : " << invalid_note(pic) << "\n  class invalid_encodings invalidEncodings\n";
}

}  // namespace

void print_diagram(std::ostream& out, const Proposal& p, FeatureSet f, const std::string& format) {
  Picture pic = picture(p, f);
  if (format == "dot") print_dot(out, p, f, pic);
  else if (format == "mermaid") print_mermaid(out, p, f, pic);
  else {
    out << "```mermaid\n";
    print_mermaid(out, p, f, pic);
    out << "```\n\n";
    print_diagram_tables(out, p, f);
  }
}

DiagramNotes diagram_notes(const Proposal& p, FeatureSet f) {
  Picture pic = picture(p, f);
  DiagramNotes notes;
  notes.legend = legend_rows(pic);
  for (const Node& n : pic.nodes) {
    std::string rej = pic.target ? "" : names(p, n.rejected);
    if (rej.empty() && n.undefined.empty()) continue;
    notes.states.push_back({p.states[n.state].name, rej.empty() ? "-" : rej, n.undefined.empty() ? "-" : names(p, n.undefined)});
  }
  if (!pic.invalid.empty()) notes.invalid = invalid_line(p, pic) + "; " + invalid_note(pic) + ".";
  return notes;
}

void print_diagram_tables(std::ostream& out, const Proposal& p, FeatureSet f) {
  const DiagramNotes notes = diagram_notes(p, f);
  out << "| mark | meaning |\n|---|---|\n";
  for (const auto& [mark, meaning] : notes.legend) out << "| " << mark << " | " << meaning << " |\n";
  if (!notes.states.empty()) out << "\n| state | rejected requests | undefined requests |\n|---|---|---|\n";
  for (const auto& row : notes.states)
    out << "| " << md_cell(row.state) << " | " << md_cell(row.rejected) << " | " << md_cell(row.undefined) << " |\n";
  if (!notes.invalid.empty()) out << "\n" << notes.invalid << "\n";
}

}  // namespace migcheck
