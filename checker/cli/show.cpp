#include "checker/cli/show.hpp"

#include <iomanip>
#include <nlohmann/json.hpp>

#include "model/arc_counts.hpp"
#include "model/conformance.hpp"
#include "model/device_table.hpp"
#include "model/features.hpp"
#include "model/path_rules.hpp"

namespace migcheck {
namespace {

using json = nlohmann::ordered_json;

std::string flag_words(FlagSet f) {
  std::string out;
  for (int i = 0; i < kFlagCount; ++i)
    if (has(f, static_cast<Flag>(i))) out += (out.empty() ? "" : " ") + std::string(flag_name(static_cast<Flag>(i)));
  return out;
}

std::string condition_words(const Proposal& p, const Condition& c) {
  std::string out;
  for (size_t i = 0; i < p.features.size(); ++i) {
    if (c.requires & (FeatureSet{1} << i)) out += (out.empty() ? "" : ", ") + p.features[i].name;
    if (c.unless & (FeatureSet{1} << i)) out += (out.empty() ? "not " : ", not ") + p.features[i].name;
  }
  return out;
}

json names(const Proposal& p, FeatureSet set) {
  json a = json::array();
  for (size_t i = 0; i < p.features.size(); ++i)
    if (set & (FeatureSet{1} << i)) a.push_back(p.features[i].name);
  return a;
}

// A '|' inside a markdown table cell ends the cell: state names like
// RUNNING|IN_TRACKING must be escaped.
std::string md(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string name_or(const Proposal& p, int s, const char* none) { return s >= 0 ? p.states[s].name : none; }

// The walks the core may take for a target-state request, in their order
// (Outcome::via is a sorted set, which loses the order a reviewer reads).
std::vector<std::vector<int>> walks(const Proposal& p, const ArcGraph& g, int from, int req) {
  if (p.interface != InterfaceKind::target_state) return {};
  return resolve_request(g, from, req).paths;
}

std::string describe(const Proposal& p, const Outcome& o, const std::vector<std::vector<int>>& ws) {
  if (o.kind != OutcomeKind::transition || ws.empty() || ws.front().size() <= 2) return describe_outcome(p, o.kind, o.to, {});
  std::string out = "transition to " + p.states[o.to].name + ", walking ";
  for (size_t i = 0; i < ws.size(); ++i) out += (i ? " or " : "") + path_text(p, ws[i]);
  return out;
}

void show_json(std::ostream& out, const Proposal& p, const std::vector<FeatureSet>& sets) {
  json j;
  j["id"] = p.id;
  j["title"] = p.title;
  j["summary"] = p.summary;
  j["origin"] = {{"who", p.origin.who}, {"when", p.origin.when}, {"where", p.origin.where}};
  j["interface"] = interface_name(p.interface);
  j["digest"] = p.digest;
  j["features"] = json::array();
  for (const auto& f : p.features) j["features"].push_back({{"name", f.name}, {"value", f.value}, {"description", f.description}});
  j["states"] = json::array();
  for (const auto& s : p.states) {
    json st = {{"name", s.name}, {"value", s.value}, {"description", s.description}, {"flags", json::array()}};
    for (int i = 0; i < kFlagCount; ++i)
      if (has(s.flags, static_cast<Flag>(i))) st["flags"].push_back(flag_name(static_cast<Flag>(i)));
    st["requires"] = names(p, s.present.requires);
    st["unless"] = names(p, s.present.unless);
    st["source"] = s.source;
    j["states"].push_back(st);
  }
  j["tables"] = json::array();
  for (FeatureSet f : sets) {
    DeviceTable t = build_table(p, f);
    std::vector<bool> reach = t.reachable();
    ArcGraph g = p.interface == InterfaceKind::target_state ? build_arc_graph(p, f) : ArcGraph{};
    json tab = {{"features", feature_set_name(p, f)}, {"initial", name_or(p, t.initial, "")},
                {"reset", t.reset_to >= 0 ? json(p.states[t.reset_to].name) : json(nullptr)}};
    tab["reachable"] = json::array();
    for (int s = 0; s < t.n; ++s)
      if (reach[s]) tab["reachable"].push_back(p.states[s].name);
    tab["outcomes"] = json::array();
    tab["undefined"] = json::array();
    for (int from = 0; from < t.n; ++from)
      for (int req = 0; req < t.n; ++req) {
        if (!t.present[from] || !t.present[req]) continue;
        const Outcome& o = t.at(from, req);
        json row = {{"from", p.states[from].name}, {"request", p.states[req].name}, {"outcome", outcome_name(o.kind)}};
        if (o.kind == OutcomeKind::transition) row["to"] = p.states[o.to].name;
        if (!o.via.empty()) {
          row["via"] = json::array();
          for (int v : o.via) row["via"].push_back(p.states[v].name);
        }
        if (o.kind == OutcomeKind::transition && !o.via.empty()) {
          row["walks"] = json::array();
          for (const auto& w : walks(p, g, from, req)) {
            json names = json::array();
            for (int st : w) names.push_back(p.states[st].name);
            row["walks"].push_back(names);
          }
        }
        row["why"] = o.why;
        tab["outcomes"].push_back(row);
        if (o.kind == OutcomeKind::undefined && reach[from])
          tab["undefined"].push_back({p.states[from].name, p.states[req].name});
      }
    DeviceTable::Counts c = t.counts();
    tab["counts"] = {{"transition", c.transitions}, {"reject", c.rejections}, {"undefined", c.undefined}};
    tab["arcs"] = arc_counts_json(p, f);
    j["tables"].push_back(tab);
  }
  out << j.dump(2) << "\n";
}

void show_text(std::ostream& out, const Proposal& p, const std::vector<FeatureSet>& sets, bool markdown) {
  const char* h1 = markdown ? "# " : "";
  const char* h2 = markdown ? "## " : "";
  out << h1 << p.id << ": " << p.title << "\n\n";
  if (!p.summary.empty()) out << p.summary << "\n\n";
  out << (markdown ? "- " : "") << "origin: " << p.origin.who << ", " << p.origin.when << "; " << p.origin.where << "\n";
  out << (markdown ? "- " : "") << "interface: " << interface_name(p.interface) << "\n";
  std::string feats;
  for (const auto& f : p.features) feats += (feats.empty() ? "" : ", ") + f.name;
  out << (markdown ? "- " : "") << "features: " << (feats.empty() ? "none" : feats) << "\n\n";

  out << h2 << "States\n\n";
  if (markdown) {
    out << "| value | state | flags | exists |\n|---:|---|---|---|\n";
    for (const auto& s : p.states)
      out << "| " << s.value << " | " << md(s.name) << " | " << flag_words(s.flags) << " | "
          << (condition_words(p, s.present).empty() ? "always" : condition_words(p, s.present)) << " |\n";
  } else {
    size_t w = 5;
    for (const auto& s : p.states) w = std::max(w, s.name.size());
    for (const auto& s : p.states) {
      out << "  " << std::setw(3) << s.value << "  " << std::left << std::setw(static_cast<int>(w)) << s.name
          << std::right << "  " << flag_words(s.flags);
      std::string cond = condition_words(p, s.present);
      if (!cond.empty()) out << "  [" << cond << "]";
      out << "\n";
    }
  }
  out << "\n";

  for (FeatureSet f : sets) {
    DeviceTable t = build_table(p, f);
    std::vector<bool> reach = t.reachable();
    DeviceTable::Counts c = t.counts();
    out << h2 << "Outcomes with features: " << feature_set_name(p, f) << "\n\n";
    out << "initial " << name_or(p, t.initial, "?") << "; reset leads to " << name_or(p, t.reset_to, "(undefined)")
        << "; from reachable states: " << c.transitions << " transitions, " << c.rejections << " rejections, "
        << c.undefined << " undefined\n";
    out << (markdown ? "\n" : "") << "in the kernel's terms: " << arc_counts_text(p, f) << "\n\n";
    ArcGraph g = p.interface == InterfaceKind::target_state ? build_arc_graph(p, f) : ArcGraph{};
    if (markdown) out << "| from | request | outcome |\n|---|---|---|\n";
    std::vector<std::string> undefined;
    for (int from = 0; from < t.n; ++from) {
      if (!reach[from]) continue;
      for (int req = 0; req < t.n; ++req) {
        if (!t.present[req]) continue;
        const Outcome& o = t.at(from, req);
        if (o.kind == OutcomeKind::undefined) {
          undefined.push_back("(" + p.states[from].name + ", " + p.states[req].name + ")");
          continue;
        }
        std::string d = describe(p, o, walks(p, g, from, req));
        if (markdown) out << "| " << md(p.states[from].name) << " | " << md(p.states[req].name) << " | " << md(d) << " |\n";
        else out << "  " << p.states[from].name << ", request " << p.states[req].name << ": " << d << "\n";
      }
    }
    out << "\n" << (markdown ? "**Undefined pairs**" : "undefined pairs") << " (" << undefined.size() << "):";
    for (size_t i = 0; i < undefined.size(); ++i) out << (i % 4 == 0 ? "\n  " : " ") << undefined[i];
    out << "\n\n";
  }
}

}  // namespace

void print_list(std::ostream& out, const std::vector<Proposal>& proposals) {
  out << std::left << std::setw(14) << "id" << std::setw(8) << "states" << std::setw(10) << "requests"
      << "title / origin\n";
  for (const auto& p : proposals) {
    int requestable = 0;
    for (const auto& s : p.states) requestable += has(s.flags, Flag::requestable);
    out << std::setw(14) << p.id << std::setw(8) << p.states.size() << std::setw(10) << requestable << p.title << "\n"
        << std::setw(32) << "" << p.origin.who << ", " << p.origin.when << "\n";
  }
  out << std::right;
}

void print_show(std::ostream& out, const Proposal& p, const std::vector<FeatureSet>& sets, const std::string& format) {
  if (format == "json") show_json(out, p, sets);
  else show_text(out, p, sets, format == "markdown");
}

}  // namespace migcheck
