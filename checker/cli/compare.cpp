#include "checker/cli/compare.hpp"

#include <iomanip>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "checker/cli/diagram.hpp"
#include "checker/cli/exit_codes.hpp"
#include "checker/cli/interrupt.hpp"
#include "checker/cli/run_summary.hpp"
#include "model/builtin.hpp"
#include "model/device_table.hpp"
#include "checker/cli/proposal_arg.hpp"
#include "checker/itf.hpp"
#include "model/features.hpp"
#include "model/world/property_catalog.hpp"

namespace migcheck {

using json = nlohmann::ordered_json;

namespace {

// What the device table says in the checked feature set.
using TableFacts = DeviceTable::Counts;
TableFacts facts(const RunSummary& s) { return build_table(s.proposal, s.params.features).counts(); }

// A violated property shows its counterexample's length and, after a slash,
// the fault-free one's ("VIOL 8/22"), or "/-" when it needs a fault.
std::string cell(const VerdictRow& r) {
  if (r.verdict == "violated") {
    std::string c = r.trace_length ? "VIOL " + std::to_string(r.trace_length) : "VIOL";
    if (r.id[0] != 'U') c += r.fault_free_file.empty() ? "/-" : "/" + std::to_string(r.fault_free_length);
    return c;
  }
  if (r.verdict == "not expressible") return "no";
  if (r.verdict == "holds") return r.id[0] == 'U' ? "yes" : "ok";
  if (r.verdict == "not applicable") return "n/a";
  if (r.verdict == "vacuous") return "VACUOUS";
  return r.verdict;
}

std::string md_escape(const std::string& t) {
  std::string out;
  for (char c : t) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

}  // namespace

std::string verdict_words(const VerdictRow& r) {
  std::string steps = std::to_string(r.trace_length) + (r.trace_length == 1 ? " step" : " steps");
  std::string ff = !r.fault_free_file.empty() ? "; " + std::to_string(r.fault_free_length) + " with no fault"
                   : r.faults.empty() || r.id[0] == 'U' ? ""
                                                         : "; none without a fault";
  return r.verdict == "violated" ? "violated (" + steps + ff + ")"
         : r.verdict == "holds" ? (r.id[0] == 'U' ? "expressible" : "holds")
                                : r.verdict;
}

namespace {

// Fits 80 columns for up to five proposals: numbered columns, names in a legend.
void print_text(const std::vector<RunSummary>& runs) {
  const int label = 25, w = 11;
  std::cout << "migcheck " << MIGCHECK_VERSION << "\n" << model_flags(runs[0].params) << "\n";
  auto line = [](std::string text) {  // no trailing blanks, never past column 80
    text.erase(text.find_last_not_of(' ') + 1);
    std::cout << (text.size() > 80 ? text.substr(0, 77) + "..." : text) << "\n";
  };
  for (size_t i = 0; i < runs.size(); ++i)
    line("  [" + std::to_string(i + 1) + "] " + runs[i].label + ": " + runs[i].proposal.title);
  std::ostringstream head;
  head << "\n" << std::left << std::setw(label) << "";
  for (size_t i = 0; i < runs.size(); ++i) head << std::setw(w) << "[" + std::to_string(i + 1) + "]";
  line(head.str());
  auto row = [&](const std::string& text, auto value) {
    std::ostringstream r;
    r << std::left << std::setw(label) << text.substr(0, label - 1);
    for (const auto& s : runs) r << std::setw(w) << value(s);
    line(r.str());
  };
  row("states valid/invalid", [](const RunSummary& s) {
    TableFacts f = facts(s);
    return std::to_string(f.valid) + "/" + std::to_string(f.invalid);
  });
  row("undefined pairs", [](const RunSummary& s) { return std::to_string(facts(s).undefined); });
  row("migration completes", [](const RunSummary& s) { return std::string(s.never_completes ? "NEVER" : "yes"); });
  row("VMM allows it", [](const RunSummary& s) { return std::string(s.blocked_by_vmm.empty() ? "yes" : "BLOCKED"); });
  row("world states", [](const RunSummary& s) {
    std::ostringstream o;
    if (s.stats.states < 1000000) o << s.stats.states;
    else o << std::fixed << std::setprecision(2) << static_cast<double>(s.stats.states) / 1e6 << "M";
    return o.str() + (s.complete ? "" : "*");
  });
  for (size_t i = 0; i < runs[0].rows.size(); ++i)
    row(runs[0].rows[i].id + " " + runs[0].rows[i].name, [i](const RunSummary& s) { return cell(s.rows[i]); });
  std::cout << std::right
            << "\nok/yes: holds/expressible. VIOL n/m: violated, shortest counterexample n steps,\n"
            << "shortest with no fault m steps (-: none without a fault). VACUOUS: explored\n"
            << "completely, but the situation the property is about never occurs. n/a: the\n"
            << "design has nothing it speaks of. no: not expressible. NEVER: no migration\n"
            << "completes without a fault, cancel or retry. BLOCKED: the modelled VMM refuses\n"
            << "the configuration (verdicts are the interface's alone). Details: migcheck check.\n";
}

void print_markdown(const std::vector<RunSummary>& runs, const CheckOptions& o) {
  std::cout << "## Migration interface proposals compared\n\n";
  bool named = false;  // a column that names its feature set
  for (const auto& s : runs) named |= s.label != s.proposal.id;
  std::cout << "`migcheck " << MIGCHECK_VERSION << "`, " << model_flags(runs[0].params)
            << (named ? "; each column's feature set as named (a bare id: every feature on).\n\n"
                      : "; every feature of each proposal on.\n\n");
  std::cout << "| | ";
  for (const auto& s : runs) std::cout << "`" << s.label << "` | ";
  std::cout << "\n|---|";
  for (size_t i = 0; i < runs.size(); ++i) std::cout << "---|";
  std::cout << "\n";
  std::cout << "| states: valid / invalid | ";
  for (const auto& s : runs) std::cout << facts(s).valid << " / " << facts(s).invalid << " | ";
  std::cout << "\n| undefined (state, request) pairs | ";
  for (const auto& s : runs) std::cout << facts(s).undefined << " | ";
  std::cout << "\n| a migration completes with no fault, cancel or retry | ";
  for (const auto& s : runs) std::cout << (s.never_completes ? "**never**" : "yes") << " | ";
  std::cout << "\n| the modelled VMM allows this configuration | ";
  for (const auto& s : runs) std::cout << (s.blocked_by_vmm.empty() ? "yes" : "**blocked**") << " | ";
  std::cout << "\n| reachable world states | ";
  for (const auto& s : runs) std::cout << s.stats.states << (s.complete ? "" : " (cut)") << " | ";
  std::cout << "\n";
  std::vector<std::string> notes;
  std::vector<std::pair<std::string, std::string>> diagrams;  // (column and property, trace file)
  for (size_t i = 0; i < runs[0].rows.size(); ++i) {
    std::cout << "| " << runs[0].rows[i].id << " " << runs[0].rows[i].name << " | ";
    for (const auto& s : runs) {
      const VerdictRow& r = s.rows[i];
      std::string c = verdict_words(r);
      if (r.verdict == "violated" || r.verdict == "vacuous") c = "**" + r.verdict + "**" + c.substr(r.verdict.size());
      if (r.verdict != "holds") {
        std::string note = "`" + s.label + "` " + r.id + ": ";
        if (!r.story.empty()) note += md_escape(r.story) + ". ";
        if (!r.reason.empty() && r.story.empty()) note += md_escape(r.reason) + ". ";
        if (!r.trace_file.empty()) {
          std::string uses;
          for (const auto& f : r.faults) uses += (uses.empty() ? "" : "; ") + f;
          note += "Faults: " + md_escape(uses.empty() ? "none" : uses) + ". Trace `" + r.trace_file + "`";
          note += r.fault_free_file.empty() ? "." : "; with no fault `" + r.fault_free_file + "`.";
          diagrams.push_back({"<code>" + s.label + "</code> " + r.id, r.trace_file});  // ids and features are [a-z0-9.+-]
          note += " Sequence diagram: below, " + std::to_string(diagrams.size()) + ".";
        }
        notes.push_back(note);
        c += " [^" + std::to_string(notes.size()) + "]";
      }
      std::cout << c << " | ";
    }
    std::cout << "\n";
  }
  std::cout << "\n";
  for (size_t i = 0; i < notes.size(); ++i) std::cout << "[^" << i + 1 << "]: " << notes[i] << "\n";
  // Each counterexample as a sequence diagram, folded: GitHub and GitLab
  // render mermaid inside <details>.
  if (!diagrams.empty()) std::cout << "\n#### Counterexamples as sequence diagrams\n";
  for (size_t i = 0; i < diagrams.size(); ++i) {
    std::cout << "\n<details><summary>" << i + 1 << ". " << diagrams[i].first << "</summary>\n\n```mermaid\n";
    itf::sequence_diagram(std::cout, itf::read(diagrams[i].second));
    std::cout << "```\n\n</details>\n";
  }
  std::cout << "\nReproduce a counterexample: `migcheck check <proposal> --property <id>`; step through it: "
               "`migcheck trace show <file>`.\n";
  for (const auto& s : runs) {
    std::cout << "\n### `" << s.label << "`: " << s.proposal.title << "\n\n" << s.proposal.origin.who << ", "
              << s.proposal.origin.when << ".\n\n";
    print_diagram(std::cout, s.proposal, s.params.features, "markdown");
  }
  (void)o;
}

}  // namespace

std::vector<RunSummary> compare_runs(const std::vector<std::string>& proposals, const CheckOptions& o,
                                     std::vector<std::string>& not_run) {
  std::vector<std::string> args = proposals.empty() ? builtin_ids() : proposals;
  prepare_trace_dir(o.trace_dir);
  std::vector<RunSummary> runs;
  for (const auto& a : args) {
    if (interrupt_flag().load()) {
      not_run.push_back(a);
      continue;
    }
    // "v2-fsm:precopy": this column's feature set, in place of --features
    const ProposalChoice choice = parse_proposal_choice(a);
    CheckOptions column = o;
    if (choice.features) column.features = choice.features;
    runs.push_back(run_summary(choice.proposal, column, true));
    RunSummary& r = runs.back();
    if (choice.features || r.params.features != all_features(r.proposal)) r.label += ":" + feature_set_name(r.proposal, r.params.features);
  }
  if (!not_run.empty()) {
    std::string names;
    for (const auto& a : not_run) names += (names.empty() ? "" : ", ") + a;
    std::cerr << "interrupted: not compared: " << names << "\n";
  }
  return runs;
}

int compare_exit_code(const std::vector<RunSummary>& runs, const std::vector<std::string>& not_run) {
  bool never = false;
  if (!not_run.empty()) return exit_code::incomplete;
  for (const auto& s : runs) {
    if (!s.complete) return exit_code::incomplete;
    never |= s.never_completes;
  }
  // A comparison reports violations without failing; a design under which no
  // migration completes is a finding about the comparison itself.
  return never ? exit_code::finding : exit_code::ok;
}

std::string compare_command(const std::string& verb, const std::vector<std::string>& proposals, const CheckOptions& o) {
  std::string command = "migcheck " + verb;
  for (const auto& a : proposals) command += " " + a;
  return command + " " + model_flags(o.params) + (o.features ? " --features " + *o.features : "");
}

int run_compare_command(const std::vector<std::string>& proposals, const CheckOptions& o) {
  std::vector<std::string> not_run;
  std::vector<RunSummary> runs = compare_runs(proposals, o, not_run);
  if (runs.empty()) return exit_code::incomplete;
  if (o.format == "json") {
    json doc = {{"tool", "migcheck"}, {"version", MIGCHECK_VERSION}, {"proposals", json::array()}};
    for (const auto& s : runs) {
      json j = summary_json(s);
      TableFacts f = facts(s);
      j["title"] = s.proposal.title;
      j["table"] = {{"states", f.states}, {"valid", f.valid}, {"invalid", f.invalid}, {"reachable", f.reachable},
                    {"transitions", f.transitions}, {"rejections", f.rejections}, {"undefined", f.undefined}};
      if (!s.happy_path_file.empty()) j["happy_path"] = {{"length", s.happy_path_length}, {"trace_file", s.happy_path_file}};
      doc["proposals"].push_back(j);
    }
    std::cout << doc.dump(2) << "\n";
  } else {
    for (const auto& s : runs)  // the first lines: a design that never migrates
      if (s.never_completes)
        std::cout << (o.format == "markdown" ? "**No migration completes** under `" + s.label + "`"
                                             : "NO MIGRATION COMPLETES: " + s.label)
                  << ": no behaviour completes a migration with no fault, cancel or retry.\n"
                  << (o.format == "markdown" ? "\n" : "");
    for (const auto& s : runs)  // a configuration the modelled VMM refuses: its verdicts are the interface's alone
      if (!s.blocked_by_vmm.empty())
        std::cout << (o.format == "markdown" ? "**Blocked by the VMM** under `" + s.label + "`"
                                             : "BLOCKED BY THE VMM: " + s.label)
                  << ": " << s.blocked_by_vmm << "; the interface's own verdicts are shown.\n"
                  << (o.format == "markdown" ? "\n" : "");
    if (o.format == "markdown") print_markdown(runs, o);
    else print_text(runs);
    std::cout << "\n" << report_signature(compare_command("compare", proposals, o), o.format == "markdown");
  }
  return compare_exit_code(runs, not_run);
}

}  // namespace migcheck
