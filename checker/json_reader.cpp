#include "checker/json_reader.hpp"

#include <fstream>
#include <sstream>

namespace migcheck {
namespace {

std::string line_column(const std::string& text, size_t byte) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return std::to_string(line) + ":" + std::to_string(col);
}

// nlohmann::json silently keeps the last of duplicate keys; a spec file with
// two "states" keys is a mistake the author must hear about. The parser
// callback tracks the JSON pointer of each open container to say where.
struct DuplicateKeyFinder {
  struct Frame {
    std::string pointer;
    bool is_array = false;
    size_t next_index = 0;
    std::string pending_key;
    std::vector<std::string> keys;
  };
  const std::string& file;
  std::vector<InputProblem>& out;
  std::vector<Frame> stack;

  std::string child_pointer() {
    if (stack.empty()) return "";
    Frame& parent = stack.back();
    return parent.is_array ? JsonReader::child(parent.pointer, parent.next_index++)
                           : JsonReader::child(parent.pointer, parent.pending_key);
  }

  bool operator()(int, json::parse_event_t event, json& parsed) {
    using E = json::parse_event_t;
    if (event == E::object_start || event == E::array_start) {
      std::string ptr = child_pointer();
      stack.push_back({ptr, event == E::array_start, 0, {}, {}});
    } else if (event == E::object_end || event == E::array_end) {
      if (!stack.empty()) stack.pop_back();
    } else if (event == E::key && !stack.empty()) {
      Frame& f = stack.back();
      f.pending_key = parsed.get<std::string>();
      for (const auto& seen : f.keys)
        if (seen == f.pending_key)
          out.push_back({file, JsonReader::child(f.pointer, f.pending_key),
                         "duplicate key \"" + f.pending_key + "\"; each key may appear once per object"});
      f.keys.push_back(f.pending_key);
    } else if (event == E::value && !stack.empty() && stack.back().is_array) {
      ++stack.back().next_index;
    }
    return true;
  }
};

}  // namespace

json parse_json_text(const std::string& file, const std::string& text) {
  std::vector<InputProblem> dups;
  try {
    DuplicateKeyFinder finder{file, dups, {}};
    json j = json::parse(text, std::ref(finder));
    if (!dups.empty()) throw InputError(dups);
    return j;
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    // nlohmann's message starts with "[json.exception.parse_error.101] parse error at line.."; keep the reason.
    auto colon = what.find(": ", what.find("parse error"));
    std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
    size_t at = e.byte == 0 ? 0 : e.byte - 1;
    throw InputError({{file, line_column(text, at), "invalid JSON: " + reason}});
  }
}

std::string read_file_text(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError({{file, "0:0", "cannot open file for reading"}});
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string json_type(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "object";
    case json::value_t::array: return "array";
    case json::value_t::string: return "string";
    case json::value_t::boolean: return "boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "integer";
    case json::value_t::number_float: return "number";
    default: return "value";
  }
}

std::string JsonReader::child(const std::string& ptr, std::string_view key) {
  std::string escaped;
  for (char c : key) escaped += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
  return ptr + "/" + escaped;
}

std::string JsonReader::child(const std::string& ptr, size_t index) { return ptr + "/" + std::to_string(index); }

void JsonReader::problem(const std::string& pointer, std::string message) {
  problems_.push_back({file_, pointer.empty() ? "/" : pointer, std::move(message)});
}

void JsonReader::throw_if_problems() const {
  if (!problems_.empty()) throw InputError(problems_);
}

bool JsonReader::object(const json& j, const std::string& ptr, std::initializer_list<std::string_view> required,
                        std::initializer_list<std::string_view> optional) {
  if (!j.is_object()) {
    problem(ptr, "expected an object, found " + json_type(j));
    return false;
  }
  for (auto k : required)
    if (!j.contains(k)) problem(ptr, "missing required key \"" + std::string(k) + "\"");
  for (const auto& item : j.items()) {
    bool known = false;
    for (auto k : required) known = known || item.key() == k;
    for (auto k : optional) known = known || item.key() == k;
    if (!known) {
      std::string allowed;
      for (auto k : required) allowed += (allowed.empty() ? "" : ", ") + std::string(k);
      for (auto k : optional) allowed += (allowed.empty() ? "" : ", ") + std::string(k);
      problem(child(ptr, item.key()), "unknown key \"" + item.key() + "\"; expected one of: " + allowed);
    }
  }
  return true;
}

bool JsonReader::array(const json& j, const std::string& ptr, bool non_empty) {
  if (!j.is_array()) {
    problem(ptr, "expected an array, found " + json_type(j));
    return false;
  }
  if (non_empty && j.empty()) {
    problem(ptr, "expected a non-empty array");
    return false;
  }
  return true;
}

std::optional<std::string> JsonReader::string(const json& obj, const std::string& ptr, std::string_view key) {
  if (!obj.is_object() || !obj.contains(key)) return std::nullopt;
  const json& v = obj.at(std::string(key));
  if (!v.is_string()) {
    problem(child(ptr, key), "expected a string, found " + json_type(v));
    return std::nullopt;
  }
  if (v.get_ref<const std::string&>().empty()) {
    problem(child(ptr, key), "expected a non-empty string");
    return std::nullopt;
  }
  return v.get<std::string>();
}

std::optional<uint64_t> JsonReader::unsigned_int(const json& obj, const std::string& ptr, std::string_view key,
                                                 uint64_t max) {
  if (!obj.is_object() || !obj.contains(key)) return std::nullopt;
  const json& v = obj.at(std::string(key));
  if (!v.is_number_integer() || (v.is_number_integer() && !v.is_number_unsigned() && v.get<int64_t>() < 0)) {
    problem(child(ptr, key), "expected a non-negative integer, found " + json_type(v) +
                                 (v.is_number() ? " " + v.dump() : ""));
    return std::nullopt;
  }
  uint64_t u = v.get<uint64_t>();
  if (u > max) {
    problem(child(ptr, key), "expected an integer at most " + std::to_string(max) + ", found " + std::to_string(u));
    return std::nullopt;
  }
  return u;
}

std::optional<bool> JsonReader::boolean(const json& obj, const std::string& ptr, std::string_view key) {
  if (!obj.is_object() || !obj.contains(key)) return std::nullopt;
  const json& v = obj.at(std::string(key));
  if (!v.is_boolean()) {
    problem(child(ptr, key), "expected true or false, found " + json_type(v));
    return std::nullopt;
  }
  return v.get<bool>();
}

}  // namespace migcheck
