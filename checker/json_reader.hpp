#pragma once
// Reads JSON input files and checks their shape, collecting every problem with
// its JSON pointer instead of stopping at the first one.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/errors.hpp"

namespace migcheck {

using json = nlohmann::json;

/// Parses `text` (the contents of `file`); a syntax error becomes an InputError
/// located at line:column. Duplicate keys are accepted by nlohmann::json (last wins),
/// so they are detected here and reported as well.
json parse_json_text(const std::string& file, const std::string& text);

/// Reads a whole file; throws InputError if it cannot be opened.
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

  static std::string child(const std::string& ptr, std::string_view key);
  static std::string child(const std::string& ptr, size_t index);

 private:
  std::string file_;
  std::vector<InputProblem> problems_;
};

/// The JSON type name as a user reads it ("string", "array", ...).
std::string json_type(const json& j);

}  // namespace migcheck
