#pragma once
// Traces in the Informal Trace Format (ITF, *.itf.json): "#meta", "vars",
// "states" each with "#meta.index". migcheck's own keys live under
// "#meta" (spec/schema/trace.schema.json).
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace migcheck::itf {

using json = nlohmann::ordered_json;

/// states[i] is entered by actions[i] (actions[0] describes the initial state).
json document(const std::vector<json>& states, const std::vector<std::string>& actions, json meta);

/// Reads and checks an ITF file against spec/schema/trace.schema.json;
/// throws InputError with a JSON pointer.
json read(const std::string& file);
/// The same for a trace's text (`file` names it in messages).
json parse(const std::string& file, const std::string& text);

enum class ShowMode { diff, full };
/// Prints a trace: by default only what changed at each step, with the action that caused it.
void show(std::ostream& out, const json& trace, ShowMode mode);

}  // namespace migcheck::itf
