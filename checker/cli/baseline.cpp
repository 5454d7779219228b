#include "checker/cli/baseline.hpp"

#include <fstream>
#include <map>

#include "checker/json_reader.hpp"
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
          {"parameters",
           {{"features", feature_set_name(s.proposal, q.features)}, {"devices", q.devices}, {"pages", q.pages},
            {"versions", q.versions}, {"rounds", q.rounds}, {"faults", q.faults}, {"attempts", q.attempts}}},
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

void write_baseline(const std::string& file, const std::vector<RunSummary>& runs) {
  ojson doc = {{"format", "migcheck-baseline"}, {"version", 1}, {"runs", ojson::array()}};
  for (const auto& s : runs) doc["runs"].push_back(entry(s));
  std::ofstream out(file);
  if (!out) throw InputError({{file, "0:0", "cannot open file for writing"}});
  out << doc.dump(2) << "\n";
}

std::vector<std::string> compare_baseline(const std::string& file, const std::vector<RunSummary>& runs, bool complete) {
  json doc = parse_json_text(file, read_file_text(file));
  JsonReader r(file);
  if (r.object(doc, "", {"format", "version", "runs"}) && doc["format"] != "migcheck-baseline")
    r.problem("/format", "expected \"migcheck-baseline\"");
  if (doc.is_object() && doc.contains("runs") && r.array(doc["runs"], "/runs"))
    for (size_t i = 0; i < doc["runs"].size(); ++i)
      r.object(doc["runs"][i], JsonReader::child("/runs", i),
               {"proposal", "file", "digest", "parameters", "complete", "migration_completes", "states", "transitions",
                "properties"});
  r.throw_if_problems();

  std::map<std::string, json> before;
  for (const auto& run : doc["runs"]) before[run["proposal"].get<std::string>()] = run;
  std::vector<std::string> diffs;
  for (const auto& s : runs) {
    json now = json::parse(entry(s).dump());
    const std::string id = s.proposal.id;
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
  if (complete)
    for (const auto& [id, run] : before) diffs.push_back(id + ": in the baseline but not checked");
  return diffs;
}

}  // namespace migcheck
