#include "checker/itf.hpp"

#include <cstdio>
#include <map>

#include "checker/input/errors.hpp"
#include "checker/input/json_reader.hpp"
#include "checker/input/schema.hpp"

namespace migcheck::itf {

json document(const std::vector<json>& states, const std::vector<std::string>& actions, json meta,
              const std::vector<json>& events) {
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
    if (i < events.size() && !events[i].is_null()) s["#meta"]["event"] = events[i];
    for (const auto& item : states[i].items()) s[item.key()] = item.value();
    doc["states"].push_back(s);
  }
  return doc;
}

json read(const std::string& file) { return parse(file, read_file_text(file)); }

json parse(const std::string& file, const std::string& text) {
  nlohmann::json plain = parse_json_text(file, text);
  validate_against(plain, "trace.schema.json", file);
  JsonReader r(file);  // what the schema cannot say: each state's index is its position
  for (size_t i = 0; i < plain["states"].size(); ++i)
    if (plain["states"][i]["#meta"]["index"] != i)
      r.problem("/states/" + std::to_string(i) + "/#meta/index", "expected " + std::to_string(i));
  r.throw_if_problems();
  return json::parse(plain.dump());  // keep key order for display
}

namespace {
// A trace is input: its strings must not drive the terminal (escape
// sequences, carriage returns that forge lines). Control characters print
// as JSON escapes.
std::string printable(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

void flatten(const json& j, const std::string& path, std::map<std::string, std::string>& out,
             std::vector<std::string>& order) {
  if (j.is_object()) {
    for (const auto& item : j.items())
      if (item.key() != "#meta")
        flatten(item.value(), path.empty() ? printable(item.key()) : path + "." + printable(item.key()), out, order);
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) flatten(j[i], path + "[" + std::to_string(i) + "]", out, order);
  } else {
    if (!out.count(path)) order.push_back(path);
    out[path] = printable(j.is_string() ? j.get<std::string>() : j.dump());
  }
}
}  // namespace

void show(std::ostream& out, const json& trace, ShowMode mode) {
  const json& meta = trace["#meta"];
  if (meta.contains("migcheck")) {
    const json& m = meta["migcheck"];
    out << "trace of " << printable(m.value("property", std::string("?"))) << " ("
        << printable(m.value("verdict", std::string("?"))) << ") on " << printable(m.value("proposal", std::string("?")))
        << "\n";
    if (m.contains("command")) out << "reproduce: " << printable(m["command"].get<std::string>()) << "\n";
  }
  std::map<std::string, std::string> prev;
  for (const auto& s : trace["states"]) {
    std::map<std::string, std::string> cur;
    std::vector<std::string> order;
    flatten(s, "", cur, order);
    size_t index = s["#meta"]["index"].get<size_t>();
    std::string action = s["#meta"].value("action", std::string(""));
    out << "\n[" << index << "] " << printable(action) << "\n";
    for (const auto& key : order)
      if (mode == ShowMode::full || index == 0 || prev[key] != cur[key])
        out << "    " << key << " = " << cur[key] << (mode == ShowMode::diff && index > 0 ? "   (was " + prev[key] + ")" : "")
            << "\n";
    prev = std::move(cur);
  }
}

}  // namespace migcheck::itf
