#pragma once
// JSON Schema validation of migcheck's own input formats against the
// schemas in spec/schema/ (embedded in the binary), so a file the schema
// rejects is rejected here with the same JSON pointers. Only the keywords
// those schemas use are implemented (type, properties, required,
// additionalProperties, items, enum, const, pattern, minimum, maximum,
// minItems, maxItems, minLength, maxLength, uniqueItems, $ref to #/$defs, not, anyOf,
// oneOf, allOf, if/then/else, propertyNames); a schema using another keyword
// is a bug, reported as std::logic_error.
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "checker/input/errors.hpp"

namespace migcheck {

/// The embedded schema spec/schema/<name> ("trace.schema.json"), parsed once.
const nlohmann::json& embedded_schema(std::string_view name);
/// The names of the embedded schemas.
std::vector<std::string> embedded_schema_names();

/// Every place `instance` breaks `schema`, as problems in `file` at JSON pointers.
std::vector<InputProblem> schema_problems(const nlohmann::json& instance, const nlohmann::json& schema,
                                          const std::string& file);

/// Throws InputError with every problem if `instance` breaks the embedded schema `name`.
void validate_against(const nlohmann::json& instance, std::string_view name, const std::string& file);

}  // namespace migcheck
