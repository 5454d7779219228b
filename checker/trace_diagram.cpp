// A trace as a reviewer pastes it into a design discussion: a mermaid
// sequence diagram (one arrow per step, between the lifelines the world
// names in each state's #meta.event) and, in markdown, QEMU's way of
// drawing a migration: per step, the VM state, the migration state and the
// device states.
#include <map>
#include <sstream>

#include "checker/itf.hpp"

namespace migcheck::itf {

namespace {

// Trace text is input: nothing in it may end a mermaid statement or start a
// tag. Mermaid reads "#code;" as a character.
std::string mermaid_text(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '-' && i + 1 < text.size() && text[i + 1] == '>') {  // "A -> B": an arrow, not a code wrapping can split
      out += "→";
      ++i;
      continue;
    }
    if (c < 0x20 || c == 0x7f) out += ' ';
    else if (c == ';' || c == '#' || c == '<' || c == '>' || c == '"' || c == '%' || c == '{' || c == '}')
      out += "#" + std::to_string(c) + ";";
    else out += static_cast<char>(c);
  }
  return out;
}

std::string cell(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) out += ' ';
    else if (c == '|') out += "\\|";
    else out += static_cast<char>(c);
  }
  return out;
}

std::string text_of(const json& j, const char* key, const std::string& fallback = "?") {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : fallback;
}

size_t devices_of(const json& trace) {
  const json& s = trace["states"][0];
  return s.contains("source_devices") && s["source_devices"].is_array() ? s["source_devices"].size() : 0;
}

// The lifelines in the order of a migration: who starts it, the source, the
// stream, the destination.
std::vector<std::pair<std::string, std::string>> lifelines(size_t devices, bool operator_acts) {
  std::vector<std::pair<std::string, std::string>> out = {{"guest", "G"}};
  if (operator_acts) out.push_back({"operator", "OP"});
  out.push_back({"source VMM", "SV"});
  for (size_t i = 0; i < devices; ++i) out.push_back({"source device " + std::to_string(i), "S" + std::to_string(i)});
  out.push_back({"stream", "ST"});
  out.push_back({"destination VMM", "DV"});
  for (size_t i = 0; i < devices; ++i) out.push_back({"destination device " + std::to_string(i), "D" + std::to_string(i)});
  return out;
}

std::string property_line(const json& trace) {
  const json& meta = trace["#meta"];
  if (!meta.contains("migcheck")) return text_of(meta, "description", "the end of the trace");
  const json& m = meta["migcheck"];  // the description names the property: "S3 device-state-complete: ..."
  return text_of(meta, "description", text_of(m, "property")) + " (" + text_of(m, "verdict") + ")";
}

}  // namespace

Sequence sequence(const json& trace) {
  const json& states = trace["states"];
  bool operator_acts = false;
  for (const auto& s : states)
    if (s["#meta"].contains("event")) operator_acts |= text_of(s["#meta"]["event"], "from") == "operator";
  Sequence seq;
  seq.lifelines = lifelines(devices_of(trace), operator_acts);
  auto index = [&](const std::string& name) {
    for (size_t i = 0; i < seq.lifelines.size(); ++i)
      if (seq.lifelines[i].first == name) return static_cast<int>(i);
    return -1;
  };
  for (size_t k = 1; k < states.size(); ++k) {
    const json& meta = states[k]["#meta"];
    Sequence::Step step{k, -1, -1, text_of(meta, "action"), false, ""};
    if (meta.contains("event")) {  // a trace written before events has only its action
      const json& e = meta["event"];
      step.fault = e.value("fault", false);
      step.from = index(text_of(e, "from"));
      step.to = index(text_of(e, "to"));
      step.label = (step.fault ? "fault: " : "") + text_of(e, "label");
      if (step.from < 0 || step.to < 0) step.label = text_of(e, "from") + " to " + text_of(e, "to") + ": " + step.label;
      step.source = text_of(e, "source", "");
    }
    seq.steps.push_back(step);
  }
  seq.conclusion = property_line(trace);
  return seq;
}

void sequence_diagram(std::ostream& out, const json& trace) {
  const Sequence seq = sequence(trace);
  // Wrapped labels and narrower lifelines: unwrapped, one long label spread
  // the lifelines over 2,000-3,300 px; wrapped, every counterexample of the
  // default comparison fits in about 1,500 (mermaid 11).
  out << "%%{init: {\"sequence\": {\"wrap\": true, \"width\": 140, \"actorMargin\": 16}}}%%\n";
  out << "sequenceDiagram\n";
  for (const auto& [name, alias] : seq.lifelines) out << "  participant " << alias << " as " << mermaid_text(name) << "\n";
  auto alias = [&](int i) { return seq.lifelines[static_cast<size_t>(i)].second; };
  for (const auto& st : seq.steps) {
    const std::string label = mermaid_text(std::to_string(st.index) + ". " + st.label);
    if (st.from < 0 || st.to < 0) out << "  Note over SV,ST: " << label << "\n";
    else if (st.from == st.to) out << "  Note over " << alias(st.from) << ": " << label << "\n";
    else out << "  " << alias(st.from) << (st.fault ? "--x" : "->>") << alias(st.to) << ": " << label << "\n";
  }
  out << "  Note over " << seq.lifelines.front().second << "," << seq.lifelines.back().second << ": "
      << mermaid_text(seq.conclusion) << "\n";
}

void markdown(std::ostream& out, const json& trace) {
  const json& meta = trace["#meta"];
  out << "### " << cell(property_line(trace)) << "\n\n";
  if (meta.contains("migcheck") && meta["migcheck"].contains("command"))
    out << "Reproduce: `" << cell(text_of(meta["migcheck"], "command")) << "`\n\n";
  out << "```mermaid\n";
  sequence_diagram(out, trace);
  out << "```\n\n";
  auto devices = [](const json& s, const char* side) {
    std::string text;
    if (!s.contains(side) || !s[side].is_array()) return std::string("?");
    for (const auto& d : s[side]) {
      const std::string state = text_of(d, "state"), believed = text_of(d, "vmm_believes", state);
      text += (text.empty() ? "" : ", ") + state + (believed != state ? " (VMM: " + believed + ")" : "");
    }
    return text;
  };
  auto vm = [](const json& s, const char* key) { return s.value(key, false) ? "running" : "stopped"; };
  auto migration = [](const json& s) {
    auto host = [&](const char* key) {
      return s.contains(key) ? text_of(s[key], "mode") + " (" + text_of(s[key], "program") + ")" : std::string("?");
    };
    const bool broken = s.contains("stream") && s["stream"].value("broken", false);
    return host("source_vmm") + " / " + host("destination_vmm") + (broken ? "; stream broken" : "");
  };
  out << "| step | what happens | source VM | destination VM | migration: source / destination | source devices | "
         "destination devices |\n|---:|---|---|---|---|---|---|\n";
  for (const auto& s : trace["states"]) {
    out << "| " << s["#meta"].value("index", 0) << " | " << cell(text_of(s["#meta"], "action")) << " | "
        << vm(s, "vm_source_running") << " | " << vm(s, "vm_destination_running") << " | " << cell(migration(s)) << " | "
        << cell(devices(s, "source_devices")) << " | " << cell(devices(s, "destination_devices")) << " |\n";
  }
}

}  // namespace migcheck::itf
