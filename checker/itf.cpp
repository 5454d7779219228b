#include "checker/itf.hpp"

#include <map>

#include "checker/errors.hpp"
#include "checker/json_reader.hpp"

namespace migcheck::itf {

json document(const std::vector<json>& states, const std::vector<std::string>& actions, json meta) {
  json doc;
  meta["format"] = "ITF";
  meta["format-description"] = "https://apalache-mc.org/docs/adr/015adr-trace.html";
  doc["#meta"] = std::move(meta);
  doc["vars"] = json::array();
  if (!states.empty())
    for (const auto& item : states.front().items()) doc["vars"].push_back(item.key());
  doc["states"] = json::array();
  for (size_t i = 0; i < states.size(); ++i) {
    json s;
    s["#meta"] = {{"index", i}, {"action", actions[i]}};
    for (const auto& item : states[i].items()) s[item.key()] = item.value();
    doc["states"].push_back(s);
  }
  return doc;
}

json read(const std::string& file) {
  std::string text = read_file_text(file);
  nlohmann::json plain = parse_json_text(file, text);
  json doc = json::parse(plain.dump());  // keep key order for display
  JsonReader r(file);
  if (r.object(doc, "", {"#meta", "vars", "states"}, {"params", "loop"})) {
    if (r.array(doc["vars"], "/vars") && r.array(doc["states"], "/states", true))
      for (size_t i = 0; i < doc["states"].size(); ++i) {
        const json& s = doc["states"][i];
        std::string ptr = "/states/" + std::to_string(i);
        if (!s.is_object() || !s.contains("#meta") || !s["#meta"].contains("index")) {
          r.problem(ptr, "expected an object with \"#meta\": {\"index\": ...}");
          continue;
        }
        if (s["#meta"]["index"] != i) r.problem(ptr + "/#meta/index", "expected " + std::to_string(i));
      }
  }
  r.throw_if_problems();
  return doc;
}

namespace {
void flatten(const json& j, const std::string& path, std::map<std::string, std::string>& out,
             std::vector<std::string>& order) {
  if (j.is_object()) {
    for (const auto& item : j.items())
      if (item.key() != "#meta") flatten(item.value(), path.empty() ? item.key() : path + "." + item.key(), out, order);
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) flatten(j[i], path + "[" + std::to_string(i) + "]", out, order);
  } else {
    if (!out.count(path)) order.push_back(path);
    out[path] = j.is_string() ? j.get<std::string>() : j.dump();
  }
}
}  // namespace

void show(std::ostream& out, const json& trace, ShowMode mode) {
  const json& meta = trace["#meta"];
  if (meta.contains("migcheck")) {
    const json& m = meta["migcheck"];
    out << "trace of " << m.value("property", std::string("?")) << " (" << m.value("verdict", std::string("?")) << ") on "
        << m.value("proposal", std::string("?")) << "\n";
    if (m.contains("command")) out << "reproduce: " << m["command"].get<std::string>() << "\n";
  }
  std::map<std::string, std::string> prev;
  for (const auto& s : trace["states"]) {
    std::map<std::string, std::string> cur;
    std::vector<std::string> order;
    flatten(s, "", cur, order);
    size_t index = s["#meta"]["index"].get<size_t>();
    std::string action = s["#meta"].value("action", std::string(""));
    out << "\n[" << index << "] " << action << "\n";
    for (const auto& key : order)
      if (mode == ShowMode::full || index == 0 || prev[key] != cur[key])
        out << "    " << key << " = " << cur[key] << (mode == ShowMode::diff && index > 0 ? "   (was " + prev[key] + ")" : "")
            << "\n";
    prev = std::move(cur);
  }
}

}  // namespace migcheck::itf
