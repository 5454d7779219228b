#include "checker/cli/baseline.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <algorithm>
#include <map>

#include "checker/input/json_reader.hpp"
#include "checker/input/schema.hpp"
#include "model/builtin.hpp"
#include "model/features.hpp"

namespace migcheck {

using ojson = nlohmann::ordered_json;

namespace {

ojson entry(const RunSummary& s) {
  const auto& q = s.params;
  ojson props = ojson::object();
  for (const auto& r : s.rows) {
    ojson pj = {{"verdict", r.verdict}};
    if (!r.trace_file.empty()) pj["trace_length"] = r.trace_length;
    if (!r.fault_free_file.empty()) pj["fault_free_length"] = r.fault_free_length;
    props[r.id] = pj;
  }
  return {{"proposal", s.proposal.id},
          {"file", s.proposal.file},
          {"digest", s.proposal.digest},
          {"parameters", params_json(s.proposal, q)},
          {"complete", s.complete},
          {"migration_completes", !s.never_completes},
          {"states", s.stats.states},
          {"transitions", s.stats.transitions},
          {"properties", props}};
}

std::string verdict_text(const json& p) {
  if (p.is_null()) return "(absent)";
  std::string v = p.value("verdict", std::string("?"));
  if (p.contains("trace_length")) v += " (" + std::to_string(p["trace_length"].get<size_t>()) + " steps";
  if (p.contains("fault_free_length")) v += "; " + std::to_string(p["fault_free_length"].get<size_t>()) + " with no fault";
  if (p.contains("trace_length")) v += ")";
  return v;
}

}  // namespace

Baseline read_baseline(const std::string& file) { return parse_baseline(file, read_file_text(file)); }

Baseline parse_baseline(const std::string& file, const std::string& text) {
  Baseline b{file, parse_json_text(file, text)};
  validate_against(b.doc, "baseline.schema.json", file);
  JsonReader r(file);
  std::map<std::string, size_t> seen;
  for (size_t i = 0; i < b.doc["runs"].size(); ++i) {
    auto [it, fresh] = seen.emplace(b.doc["runs"][i]["proposal"].get<std::string>(), i);
    if (!fresh) r.problem("/runs/" + std::to_string(i) + "/proposal", "repeats the proposal of /runs/" + std::to_string(it->second));
  }
  r.throw_if_problems();
  return b;
}

void write_baseline(const std::string& file, const std::vector<RunSummary>& runs, const Baseline* merge_into) {
  for (const auto& s : runs)
    if (!s.complete)
      throw IncompleteError(s.proposal.id + ": the run is incomplete (" + s.stop_reason + "); an incomplete run never becomes a baseline");
  ojson doc = {{"format", "migcheck-baseline"}, {"version", 1}, {"runs", ojson::array()}};
  std::vector<std::string> ids;
  for (const auto& s : runs) ids.push_back(s.proposal.id);
  if (merge_into)  // keep the other proposals' entries, in their order
    for (const auto& run : merge_into->doc["runs"])
      if (std::find(ids.begin(), ids.end(), run["proposal"].get<std::string>()) == ids.end())
        doc["runs"].push_back(ojson::parse(run.dump()));
  for (const auto& s : runs) doc["runs"].push_back(entry(s));
  std::ofstream out(file);
  if (!out) throw InputError({{file, "", std::string("cannot write: ") + std::strerror(errno)}});
  out << doc.dump(2) << "\n";
  if (!out.flush()) throw InputError({{file, "", std::string("cannot write: ") + std::strerror(errno)}});
}

std::vector<std::string> compare_baseline(const Baseline& baseline, const std::vector<RunSummary>& runs, bool complete) {
  const json& doc = baseline.doc;
  std::map<std::string, json> before;
  for (const auto& run : doc["runs"]) before[run["proposal"].get<std::string>()] = run;
  std::vector<std::string> diffs;
  for (const auto& s : runs) {
    json now = json::parse(entry(s).dump());
    const std::string id = s.proposal.id;
    if (!s.complete) {
      diffs.push_back(id + ": the run is incomplete (" + s.stop_reason + "); an incomplete run cannot pass a baseline");
      continue;
    }
    auto it = before.find(id);
    if (it == before.end()) {
      diffs.push_back(id + ": not in the baseline");
      continue;
    }
    const json& was = it->second;
    if (was["digest"] != now["digest"])
      diffs.push_back(id + ": " + now["file"].get<std::string>() + " changed (digest " + was["digest"].get<std::string>() +
                      " -> " + now["digest"].get<std::string>() + ")");
    if (was["parameters"] != now["parameters"])
      diffs.push_back(id + ": parameters " + was["parameters"].dump() + " -> " + now["parameters"].dump());
    for (const char* k : {"complete", "migration_completes", "states", "transitions"})
      if (was[k] != now[k]) diffs.push_back(id + ": " + k + " " + was[k].dump() + " -> " + now[k].dump());
    for (const auto& item : now["properties"].items()) {
      json old = was["properties"].contains(item.key()) ? was["properties"][item.key()] : json();
      if (old != item.value()) diffs.push_back(id + ": " + item.key() + ": " + verdict_text(old) + " -> " + verdict_text(item.value()));
    }
    before.erase(it);
  }
  if (complete)  // --all checks the built-ins; a file proposal's entry is checked when it is named
    for (const auto& [id, run] : before) {
      const auto ids = builtin_ids();
      if (std::find(ids.begin(), ids.end(), id) != ids.end()) diffs.push_back(id + ": in the baseline but not checked");
    }
  return diffs;
}

}  // namespace migcheck
