#pragma once
// Reads JSON input files and checks their shape, collecting every problem with
// its JSON pointer instead of stopping at the first one.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/input/errors.hpp"

namespace migcheck {

using json = nlohmann::json;

/// Input limits (README "Input limits"): no input file is larger, no JSON
/// value nests deeper. Both keep every reader linear and its stack bounded.
constexpr size_t kMaxInputBytes = 16u << 20;
constexpr size_t kMaxJsonDepth = 64;

/// Parses `text` (the contents of `file`); a syntax error or a number out of
/// range becomes an InputError located at line:column, nesting deeper than
/// kMaxJsonDepth one located at its JSON pointer. Duplicate keys are accepted
/// by nlohmann::json (last wins), so they are detected here and reported as well.
json parse_json_text(const std::string& file, const std::string& text);

/// Reads a whole regular file of at most kMaxInputBytes; throws InputError
/// naming the system's reason if it cannot (missing, a directory, a device,
/// unreadable, too large).
std::string read_file_text(const std::string& file);

class JsonReader {
 public:
  explicit JsonReader(std::string file) : file_(std::move(file)) {}

  void problem(const std::string& pointer, std::string message);
  const std::vector<InputProblem>& problems() const { return problems_; }
  /// Throws InputError if any problem was recorded.
  void throw_if_problems() const;

  /// Checks that `j` is an object with every key of `required` and no key
  /// outside `required` + `optional`. Returns false if `j` is not an object.
  bool object(const json& j, const std::string& ptr, std::initializer_list<std::string_view> required,
              std::initializer_list<std::string_view> optional = {});
  /// `j` must be an array; returns false otherwise.
  bool array(const json& j, const std::string& ptr, bool non_empty = false);

  /// obj[key] as a string; records a problem if present but not a non-empty string.
  std::optional<std::string> string(const json& obj, const std::string& ptr, std::string_view key);
  std::optional<uint64_t> unsigned_int(const json& obj, const std::string& ptr, std::string_view key,
                                       uint64_t max);
  std::optional<bool> boolean(const json& obj, const std::string& ptr, std::string_view key);

  /// The value readers return for a key that is absent: checks on it pass
  /// silently (its absence is reported once, as a missing required key).
  static const json& missing();

  static std::string child(const std::string& ptr, std::string_view key);
  static std::string child(const std::string& ptr, size_t index);

 private:
  std::string file_;
  std::vector<InputProblem> problems_;
};

/// The JSON type name as a user reads it ("string", "array", ...).
std::string json_type(const json& j);

}  // namespace migcheck
