#include "checker/input/json_reader.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <unordered_set>

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
// callback keeps one frame per open container (its key or index in the
// parent and the keys seen so far), so it is linear in the input; a JSON
// pointer is built only when there is something to report. It also stops the
// parse at kMaxJsonDepth: everything that walks a value later (printing,
// comparing, destroying) may then recurse safely.
struct TooDeep {
  std::string pointer;
};

struct KeyChecker {
  struct Frame {
    bool is_array = false;
    size_t next_index = 0;
    std::string pending_key;
    std::unordered_set<std::string> keys;
    std::string name_in_parent;  // key or index of this container in its parent
  };
  const std::string& file;
  std::vector<InputProblem>& out;
  std::vector<Frame> stack;

  std::string pointer(size_t frames, const std::string& last) const {
    std::string p;
    for (size_t i = 1; i < frames; ++i) p += "/" + stack[i].name_in_parent;
    return last.empty() && frames == 0 ? "" : p + "/" + last;
  }
  std::string escaped(const std::string& key) const { return JsonReader::child("", key).substr(1); }

  bool operator()(int depth, json::parse_event_t event, json& parsed) {
    using E = json::parse_event_t;
    if (event == E::object_start || event == E::array_start) {
      std::string name;
      if (!stack.empty()) {
        Frame& parent = stack.back();
        name = parent.is_array ? std::to_string(parent.next_index++) : escaped(parent.pending_key);
      }
      if (static_cast<size_t>(depth) >= kMaxJsonDepth) throw TooDeep{pointer(stack.size(), name)};
      stack.push_back({event == E::array_start, 0, {}, {}, name});
    } else if (event == E::object_end || event == E::array_end) {
      if (!stack.empty()) stack.pop_back();
    } else if (event == E::key && !stack.empty()) {
      Frame& f = stack.back();
      f.pending_key = parsed.get<std::string>();
      if (!f.keys.insert(f.pending_key).second)
        out.push_back({file, pointer(stack.size(), escaped(f.pending_key)),
                       "duplicate key \"" + f.pending_key + "\"; each key may appear once per object"});
    } else if (event == E::value && !stack.empty() && stack.back().is_array) {
      ++stack.back().next_index;
    }
    return true;
  }
};

// Where a token first appears, for errors nlohmann reports without a position.
std::string position_of(const std::string& text, const std::string& message) {
  auto open = message.find('\''), close = message.rfind('\'');
  if (open == std::string::npos || close <= open) return "1:1";
  auto at = text.find(message.substr(open + 1, close - open - 1));
  return line_column(text, at == std::string::npos ? 0 : at);
}

// nlohmann's messages start "[json.exception.parse_error.101] parse error at
// line 1, column 2: syntax error ..." or "[json.exception.out_of_range.406]
// number overflow ...": keep the reason.
std::string reason_of(const std::string& what) {
  auto tag = what.find("] ");
  std::string rest = tag == std::string::npos ? what : what.substr(tag + 2);
  auto colon = rest.rfind("parse error", 0) == 0 ? rest.find(": ") : std::string::npos;
  return colon == std::string::npos ? rest : rest.substr(colon + 2);
}

}  // namespace

json parse_json_text(const std::string& file, const std::string& text) {
  std::vector<InputProblem> dups;
  try {
    KeyChecker checker{file, dups, {}};
    json j = json::parse(text, std::ref(checker));
    if (!dups.empty()) throw InputError(dups);
    return j;
  } catch (const TooDeep& e) {
    throw InputError({{file, e.pointer, "nested deeper than " + std::to_string(kMaxJsonDepth) +
                                            " levels; no migcheck input needs more"}});
  } catch (const json::parse_error& e) {
    size_t at = e.byte == 0 ? 0 : e.byte - 1;
    throw InputError({{file, line_column(text, at), "invalid JSON: " + reason_of(e.what())}});
  } catch (const json::exception& e) {  // a number out of range (out_of_range.406), and the like
    throw InputError({{file, position_of(text, e.what()), "invalid JSON: " + reason_of(e.what())}});
  }
}

std::string read_file_text(const std::string& file) {
  struct stat st {};
  if (stat(file.c_str(), &st) != 0) throw InputError({{file, "", std::string("cannot read: ") + std::strerror(errno)}});
  if (S_ISDIR(st.st_mode)) throw InputError({{file, "", "is a directory; expected a file"}});
  if (!S_ISREG(st.st_mode)) throw InputError({{file, "", "is not a regular file (a device, pipe or socket); expected a file"}});
  auto too_large = [&] {
    return InputError({{file, "", "is larger than " + std::to_string(kMaxInputBytes >> 20) +
                                      " MiB, the input size limit; no migcheck input needs more"}});
  };
  if (static_cast<uint64_t>(st.st_size) > kMaxInputBytes) throw too_large();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError({{file, "", std::string("cannot read: ") + std::strerror(errno)}});
  std::string text(kMaxInputBytes + 1, '\0');  // the file may grow after stat()
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) throw InputError({{file, "", std::string("cannot read: ") + std::strerror(errno)}});
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > kMaxInputBytes) throw too_large();
  return text;
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

const json& JsonReader::missing() {
  static const json absent;
  return absent;
}

bool JsonReader::object(const json& j, const std::string& ptr, std::initializer_list<std::string_view> required,
                        std::initializer_list<std::string_view> optional) {
  if (&j == &missing()) return false;
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
  if (&j == &missing()) return false;
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
