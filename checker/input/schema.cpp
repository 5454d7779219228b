#include "checker/input/schema.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <regex>
#include <stdexcept>

#include "checker/input/embedded.hpp"
#include "checker/input/json_reader.hpp"

namespace migcheck {

using json = nlohmann::json;

namespace {

// libstdc++'s std::regex recurses per character; names and commands are
// short, so a longer string is reported instead of matched.
constexpr size_t kMaxPatternSubject = 4096;

std::string type_of(const json& j) {
  if (j.is_number_integer()) return "integer";
  return json_type(j);
}

bool has_type(const json& j, const std::string& type) {
  if (type == "object") return j.is_object();
  if (type == "array") return j.is_array();
  if (type == "string") return j.is_string();
  if (type == "boolean") return j.is_boolean();
  if (type == "null") return j.is_null();
  if (type == "integer") return j.is_number_integer() || (j.is_number_float() && std::trunc(j.get<double>()) == j.get<double>());
  if (type == "number") return j.is_number();
  throw std::logic_error("schema: unknown type " + type);
}

std::string list(const json& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v.dump();
  return out;
}

// Compiling a std::regex costs far more than matching one: each schema
// pattern is compiled once per thread.
const std::regex& compiled(const std::string& re) {
  thread_local std::map<std::string, std::regex> cache;
  auto it = cache.find(re);
  if (it == cache.end()) it = cache.emplace(re, std::regex(re, std::regex::ECMAScript)).first;
  return it->second;
}

class Validator {
 public:
  Validator(const json& root, const std::string& file) : root_(root), file_(file) {}
  std::vector<InputProblem> problems;

  void check(const json& j, const json& s, const std::string& ptr) {
    if (s.is_boolean()) {
      if (!s.get<bool>()) add(ptr, "no value is allowed here");
      return;
    }
    if (j.is_object() && (s.contains("properties") || s.contains("required") || s.contains("additionalProperties") ||
                          s.contains("propertyNames")))
      properties(j, s, ptr);
    for (const auto& kw : s.items()) {
      const std::string& k = kw.key();
      const json& v = kw.value();
      if (k == "$ref") check(j, resolve(v.get<std::string>()), ptr);
      else if (k == "type") type(j, v, ptr);
      else if (k == "properties" || k == "required" || k == "additionalProperties" || k == "propertyNames") {
        // checked together above
      } else if (k == "items") {
        if (j.is_array())
          for (size_t i = 0; i < j.size(); ++i) check(j[i], v, JsonReader::child(ptr, i));
      } else if (k == "enum") {
        if (std::find(v.begin(), v.end(), j) == v.end()) add(ptr, "expected one of " + list(v) + ", found " + shown(j));
      } else if (k == "const") {
        if (j != v) add(ptr, "expected " + v.dump() + ", found " + shown(j));
      } else if (k == "pattern") {
        if (j.is_string()) pattern(j.get_ref<const std::string&>(), v.get<std::string>(), ptr);
      } else if (k == "minimum") {
        if (j.is_number() && j.get<double>() < v.get<double>()) add(ptr, "expected at least " + v.dump() + ", found " + j.dump());
      } else if (k == "maximum") {
        if (j.is_number() && j.get<double>() > v.get<double>()) add(ptr, "expected at most " + v.dump() + ", found " + j.dump());
      } else if (k == "minItems") {
        if (j.is_array() && j.size() < v.get<size_t>()) add(ptr, "expected at least " + v.dump() + " items, found " + std::to_string(j.size()));
      } else if (k == "maxItems") {
        if (j.is_array() && j.size() > v.get<size_t>()) add(ptr, "expected at most " + v.dump() + " items, found " + std::to_string(j.size()));
      } else if (k == "maxLength") {
        if (j.is_string() && j.get_ref<const std::string&>().size() > v.get<size_t>())
          add(ptr, "expected a string of at most " + v.dump() + " characters");
      } else if (k == "minLength") {
        if (j.is_string() && j.get_ref<const std::string&>().size() < v.get<size_t>())
          add(ptr, "expected a string of at least " + v.dump() + " characters");
      } else if (k == "uniqueItems") {
        if (j.is_array() && v.get<bool>())
          for (size_t a = 0; a < j.size(); ++a)
            for (size_t b = a + 1; b < j.size(); ++b)
              if (j[a] == j[b]) add(JsonReader::child(ptr, b), "repeats item " + std::to_string(a) + "; items must be unique");
      } else if (k == "not") {
        if (matches(j, v, ptr)) add(ptr, "must not match " + v.dump());
      } else if (k == "allOf") {
        for (const auto& sub : v) check(j, sub, ptr);
      } else if (k == "anyOf" || k == "oneOf") {
        size_t n = 0;
        for (const auto& sub : v) n += matches(j, sub, ptr);
        if (n == 0) add(ptr, "matches none of the " + std::to_string(v.size()) + " allowed forms");
        if (k == "oneOf" && n > 1) add(ptr, "matches more than one of the allowed forms");
      } else if (k == "if") {
        const bool cond = matches(j, v, ptr);
        if (cond && s.contains("then")) check(j, s["then"], ptr);
        if (!cond && s.contains("else")) check(j, s["else"], ptr);
      } else if (k == "then" || k == "else" || k == "$schema" || k == "$id" || k == "$defs" || k == "title" ||
                 k == "description" || k == "$comment" || k == "default" || k == "examples") {
        // applied with "if", or annotations
      } else {
        throw std::logic_error("schema: unsupported keyword " + k);
      }
    }
  }

 private:
  const json& root_;
  const std::string& file_;

  void add(const std::string& ptr, std::string message) { problems.push_back({file_, ptr.empty() ? "/" : ptr, std::move(message)}); }
  static std::string shown(const json& j) {
    std::string d = j.is_structured() ? type_of(j) : j.dump();
    return d.size() > 80 ? d.substr(0, 77) + "..." : d;
  }

  bool matches(const json& j, const json& s, const std::string& ptr) {
    Validator sub(root_, file_);
    sub.check(j, s, ptr);
    return sub.problems.empty();
  }

  const json& resolve(const std::string& ref) const {
    const std::string prefix = "#/$defs/";
    if (ref.rfind(prefix, 0) != 0 || !root_.contains("$defs") || !root_["$defs"].contains(ref.substr(prefix.size())))
      throw std::logic_error("schema: unresolvable $ref " + ref);
    return root_["$defs"][ref.substr(prefix.size())];
  }

  void type(const json& j, const json& v, const std::string& ptr) {
    if (v.is_string() ? has_type(j, v.get<std::string>())
                      : std::any_of(v.begin(), v.end(), [&](const json& t) { return has_type(j, t.get<std::string>()); }))
      return;
    add(ptr, "expected " + (v.is_string() ? std::string(v.get<std::string>() == "integer" ? "an " : "a ") + v.get<std::string>()
                                          : "one of the types " + list(v)) +
                 ", found " + type_of(j));
  }

  void properties(const json& j, const json& s, const std::string& ptr) {
    static const json none = json::object();
    const json& props = s.contains("properties") ? s["properties"] : none;
    if (s.contains("required"))
      for (const auto& r : s["required"])
        if (!j.contains(r.get<std::string>())) add(ptr, "missing required key \"" + r.get<std::string>() + "\"");
    for (const auto& item : j.items()) {
      const std::string child = JsonReader::child(ptr, item.key());
      if (s.contains("propertyNames")) check(json(item.key()), s["propertyNames"], child);
      if (props.contains(item.key())) {
        check(item.value(), props[item.key()], child);
      } else if (s.contains("additionalProperties")) {
        const json& extra = s["additionalProperties"];
        if (extra.is_boolean() && !extra.get<bool>()) add(child, "unknown key \"" + item.key() + "\"");
        else check(item.value(), extra, child);
      }
    }
  }

  void pattern(const std::string& text, const std::string& re, const std::string& ptr) {
    if (text.size() > kMaxPatternSubject) {
      add(ptr, "a string of " + std::to_string(text.size()) + " characters; expected at most " +
                   std::to_string(kMaxPatternSubject) + " here");
      return;
    }
    if (!std::regex_search(text, compiled(re))) add(ptr, "\"" + shown(text).substr(1, 60) + " does not match " + re);
  }
};

}  // namespace

std::vector<InputProblem> schema_problems(const json& instance, const json& schema, const std::string& file) {
  // A schema with properties but no explicit type still checks an object's
  // keys; "required" and "additionalProperties" act through "properties".
  Validator v(schema, file);
  v.check(instance, schema, "");
  return v.problems;
}

const json& embedded_schema(std::string_view name) {
  static std::map<std::string, json, std::less<>> parsed;
  static std::mutex lock;
  std::lock_guard<std::mutex> g(lock);
  auto it = parsed.find(name);
  if (it != parsed.end()) return it->second;
  for (const auto& f : embedded_schema_texts())
    if (f.name == name) return parsed.emplace(std::string(name), json::parse(f.text)).first->second;
  throw std::logic_error("no embedded schema " + std::string(name));
}

std::vector<std::string> embedded_schema_names() {
  std::vector<std::string> out;
  for (const auto& f : embedded_schema_texts()) out.push_back(f.name);
  return out;
}

void validate_against(const json& instance, std::string_view name, const std::string& file) {
  auto problems = schema_problems(instance, embedded_schema(name), file);
  if (!problems.empty()) throw InputError(problems);
}

}  // namespace migcheck
