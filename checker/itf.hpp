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

/// states[i] is entered by actions[i] (actions[0] describes the initial state);
/// events[i], where given and not null, is that step as a sequence-diagram arrow.
json document(const std::vector<json>& states, const std::vector<std::string>& actions, json meta,
              const std::vector<json>& events = {});

/// Reads and checks an ITF file against spec/schema/trace.schema.json;
/// throws InputError with a JSON pointer.
json read(const std::string& file);
/// The same for a trace's text (`file` names it in messages).
json parse(const std::string& file, const std::string& text);

enum class ShowMode { diff, full };
/// Prints a trace: by default only what changed at each step, with the action that caused it.
void show(std::ostream& out, const json& trace, ShowMode mode);

/// A trace as a sequence of arrows between lifelines (guest, operator if it
/// acts, source VMM and devices, stream, destination VMM and devices), the
/// form every sequence diagram is drawn from.
struct Sequence {
  std::vector<std::pair<std::string, std::string>> lifelines;  ///< (name, short alias)
  struct Step {
    size_t index;        ///< the trace state the step enters
    int from, to;        ///< lifeline indices; -1: not a lifeline (drawn as a note); from == to: a note
    std::string label;   ///< "fault: " first for an injected fault
    bool fault;
    std::string source;  ///< what the step follows (#meta.event.source), if the trace has it
  };
  std::vector<Step> steps;
  std::string conclusion;  ///< the property and its verdict
};
Sequence sequence(const json& trace);

/// The trace as a mermaid sequence diagram (trace_diagram.cpp): lifelines
/// guest, source VMM and devices, stream, destination VMM and devices; the
/// violated property at the end. A trace without events (written before they
/// existed) is drawn as notes.
void sequence_diagram(std::ostream& out, const json& trace);
/// Markdown: the sequence diagram, then per step the (VM, migration, device
/// states) table QEMU's documentation draws.
void markdown(std::ostream& out, const json& trace);

}  // namespace migcheck::itf
