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

// What each state does with requests it does not take: rejected and undefined lists.
std::pair<std::string, std::string> refusals(const Proposal& p, const DeviceTable& t, int from) {
  std::string rej, undef;
  int nrej = 0, nundef = 0;
  for (int req = 0; req < t.n; ++req) {
    if (!t.present[req]) continue;
    const Outcome& o = t.at(from, req);
    if (o.kind == OutcomeKind::reject) rej += (nrej++ ? ", " : "") + p.states[req].name;
    if (o.kind == OutcomeKind::undefined) undef += (nundef++ ? ", " : "") + p.states[req].name;
  }
  return {rej, undef};
}

std::string mermaid_id(const std::string& name) {
  std::string id;
  for (char c : name) id += (c == '|') ? '_' : c;
  return id;
}

}  // namespace

void print_diagram(std::ostream& out, const Proposal& p, FeatureSet f, const std::string& format) {
  DeviceTable t = build_table(p, f);
  std::vector<bool> reach = t.reachable();
  std::set<Edge> es = edges(p, t, reach);
  const bool target = p.interface == InterfaceKind::target_state;
  if (format == "dot") {
    out << "// migcheck diagram " << p.id << " --features " << feature_set_name(p, f) << "\n";
    out << "digraph \"" << p.id << "\" {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"monospace\"];\n";
    out << "  __start [shape=point];\n  __start -> \"" << p.states[t.initial].name << "\";\n";
    for (int s = 0; s < t.n; ++s) {
      if (!t.present[s] || !reach[s]) continue;
      auto [rej, undef] = refusals(p, t, s);
      std::string label = p.states[s].name + " (" + std::to_string(p.states[s].value) + ")";
      if (!target && !rej.empty()) label += "\\nrejects: " + rej;
      if (!undef.empty()) label += "\\nundefined: " + undef;
      out << "  \"" << p.states[s].name << "\" [label=\"" << label << "\""
          << (undef.empty() ? "" : ", style=\"rounded,dashed\", color=orange")
          << (has(t.flags[s], Flag::error) ? ", color=red" : "") << "];\n";
    }
    for (const auto& e : es) {
      out << "  \"" << p.states[e.from].name << "\" -> \"" << p.states[e.to].name << "\"";
      if (e.kind == EdgeKind::reject) out << " [style=dashed, color=red, label=\"" << e.label << "\"]";
      else if (e.kind == EdgeKind::reset) out << " [style=dotted, label=\"reset\"]";
      else if (!e.label.empty()) out << " [label=\"" << e.label << "\"]";
      out << ";\n";
    }
    out << "}\n";
    return;
  }
  out << "%% migcheck diagram " << p.id << " --features " << feature_set_name(p, f) << "\n";
  out << "stateDiagram-v2\n";
  for (int s = 0; s < t.n; ++s)
    if (t.present[s] && reach[s] && p.states[s].name.find('|') != std::string::npos)
      out << "  state \"" << p.states[s].name << "\" as " << mermaid_id(p.states[s].name) << "\n";
  out << "  [*] --> " << mermaid_id(p.states[t.initial].name) << "\n";
  for (const auto& e : es) {
    out << "  " << mermaid_id(p.states[e.from].name) << " --> " << mermaid_id(p.states[e.to].name);
    if (e.kind == EdgeKind::reject) out << " : ✗ refused";
    else if (e.kind == EdgeKind::reset) out << " : reset";
    else if (!e.label.empty()) out << " : " << e.label;
    out << "\n";
  }
  for (int s = 0; s < t.n; ++s) {
    if (!t.present[s] || !reach[s]) continue;
    auto [rej, undef] = refusals(p, t, s);
    if (!target && !rej.empty()) out << "  note right of " << mermaid_id(p.states[s].name) << " : rejects " << rej << "\n";
    if (!undef.empty()) out << "  note left of " << mermaid_id(p.states[s].name) << " : undefined " << undef << "\n";
  }
}

}  // namespace migcheck
