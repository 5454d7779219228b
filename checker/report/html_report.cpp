#include "checker/report/html_report.hpp"

#include <sstream>

#include "checker/cli/compare.hpp"
#include "checker/cli/diagram.hpp"
#include "checker/input/embedded.hpp"
#include "checker/itf.hpp"
#include "checker/report/graphviz_svg.hpp"
#include "checker/report/markup.hpp"
#include "checker/report/sequence_svg.hpp"
#include "model/arc_counts.hpp"
#include "model/device_table.hpp"
#include "model/features.hpp"

namespace migcheck::report {
namespace {

using json = nlohmann::ordered_json;

std::string asset(const std::string& name) {
  for (const auto& f : report_asset_texts())
    if (name == f.name) return f.text;
  throw std::logic_error("report asset missing: " + name);
}

// A counterexample the page draws and the stepper walks through.
struct Finding {
  std::string id;     // "t3": the trace's id in the page
  std::string title;  // "v2-fsm S3 device-state-complete"
  const RunSummary* run;
  const VerdictRow* row;
  json trace;
};

std::string cell_class(const VerdictRow& r) {
  if (r.verdict == "violated") return "viol";
  if (r.verdict == "vacuous") return "vac";
  if (r.verdict == "holds") return "ok";
  return "na";
}

void table_row(std::ostream& o, const std::string& head, const std::vector<std::string>& cells) {
  o << "<tr><th>" << escape(head) << "</th>";
  for (const auto& c : cells) o << "<td>" << escape(c) << "</td>";
  o << "</tr>\n";
}

void matrix(std::ostream& o, const std::vector<RunSummary>& runs, const std::vector<Finding>& findings) {
  o << "<section id=\"matrix\"><h2>Verdicts</h2>\n<table>\n<tr><th></th>";
  for (const auto& s : runs) o << "<th><code>" << escape(s.label) << "</code></th>";
  o << "</tr>\n";
  auto per_run = [&](auto value) {
    std::vector<std::string> cells;
    for (const auto& s : runs) cells.push_back(value(s));
    return cells;
  };
  table_row(o, "states: valid / invalid", per_run([](const RunSummary& s) {
              DeviceTable::Counts c = build_table(s.proposal, s.params.features).counts();
              return std::to_string(c.valid) + " / " + std::to_string(c.invalid);
            }));
  table_row(o, "undefined (state, request) pairs", per_run([](const RunSummary& s) {
              return std::to_string(build_table(s.proposal, s.params.features).counts().undefined);
            }));
  table_row(o, "a migration completes with no fault, cancel or retry",
            per_run([](const RunSummary& s) { return std::string(s.never_completes ? "never" : "yes"); }));
  table_row(o, "the modelled VMM allows this configuration",
            per_run([](const RunSummary& s) { return std::string(s.blocked_by_vmm.empty() ? "yes" : "blocked"); }));
  table_row(o, "reachable world states", per_run([](const RunSummary& s) {
              return std::to_string(s.stats.states) + (s.complete ? "" : " (cut short: " + s.stop_reason + ")");
            }));
  for (size_t i = 0; i < runs[0].rows.size(); ++i) {
    o << "<tr><th>" << escape(runs[0].rows[i].id + " " + runs[0].rows[i].name) << "</th>";
    for (const auto& s : runs) {
      const VerdictRow& r = s.rows[i];
      std::string link;
      for (const auto& f : findings)
        if (f.row == &r) link = f.id;
      o << "<td class=\"" << cell_class(r) << "\" title=\"" << escape(r.reason) << "\">"
        << (link.empty() ? "" : "<a href=\"#" + link + "\">") << escape(verdict_words(r)) << (link.empty() ? "" : "</a>")
        << "</td>";
    }
    o << "</tr>\n";
  }
  o << "</table>\n<p>holds / expressible: checked over every explored behaviour. violated (n steps; m with no fault): "
       "the shortest counterexample, and the shortest that injects no fault. vacuous: explored completely, but the "
       "situation the property is about never occurs. not applicable: the design has nothing it speaks of. A violated "
       "cell links to its counterexample below.</p>\n</section>\n";
}

void proposal_section(std::ostream& o, const RunSummary& s) {
  const Proposal& p = s.proposal;
  const FeatureSet f = s.params.features;
  o << "<h3 id=\"proposal-" << escape(s.label) << "\"><code>" << escape(s.label) << "</code>: " << escape(p.title)
    << "</h3>\n<p>" << escape(p.origin.who + ", " + p.origin.when + ". " + p.origin.where) << "</p>\n";
  if (!p.summary.empty()) o << "<p>" << escape(p.summary) << "</p>\n";
  o << "<p>Features: <code>" << escape(feature_set_name(p, f)) << "</code>. In the kernel's terms: "
    << escape(arc_counts_text(p, f)) << ".</p>\n";
  std::ostringstream dot;
  print_diagram(dot, p, f, "dot");
  o << "<div class=\"diagram\">" << dot_to_svg(dot.str()) << "</div>\n";
  const DiagramNotes notes = diagram_notes(p, f);
  if (!notes.states.empty()) {
    o << "<table><tr><th>state</th><th>rejected requests</th><th>undefined requests</th></tr>\n";
    for (const auto& r : notes.states)
      o << "<tr><td><code>" << escape(r.state) << "</code></td><td>" << escape(r.rejected) << "</td><td>"
        << escape(r.undefined) << "</td></tr>\n";
    o << "</table>\n";
  }
  if (!notes.invalid.empty()) o << "<p>" << escape(notes.invalid) << "</p>\n";
}

void finding_section(std::ostream& o, const Finding& f) {
  const VerdictRow& r = *f.row;
  o << "<div class=\"finding\" id=\"" << f.id << "\"><h3><code>" << escape(f.run->label) << "</code> "
    << escape(r.id + " " + r.name) << ": " << escape(verdict_words(r)) << "</h3>\n";
  if (!r.story.empty()) o << "<p>" << escape(r.story) << ".</p>\n";
  std::string faults;
  for (const auto& x : r.faults) faults += (faults.empty() ? "" : "; ") + x;
  o << "<p>Faults: " << escape(faults.empty() ? "none" : faults) << ". Trace <code>" << escape(r.trace_file) << "</code>";
  if (!r.fault_free_file.empty()) o << "; with no fault <code>" << escape(r.fault_free_file) << "</code>";
  o << ".</p>\n<p>Reproduce: <code>" << escape(r.reproduce) << "</code> "
    << "<button type=\"button\" data-open-trace=\"" << f.id << "\">step through it</button></p>\n";
  o << "<div class=\"diagram\">" << sequence_svg(itf::sequence(f.trace), f.id) << "</div></div>\n";
}

// The stepper's data: the traces' states, as JSON inside the page. "</"
// would end the script element early; JSON may spell it "<\/".
std::string traces_json(const std::vector<Finding>& findings) {
  json all = json::array();
  for (const auto& f : findings) all.push_back({{"id", f.id}, {"title", f.title}, {"states", f.trace["states"]}});
  std::string text = all.dump();
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<' && i + 1 < text.size() && text[i + 1] == '/') out += "<\\";
    else out += text[i];
  }
  return out;
}

}  // namespace

void write_html_report(std::ostream& o, const std::vector<RunSummary>& runs, const std::vector<std::string>& not_run,
                       const std::string& command) {
  std::vector<Finding> findings;
  for (const auto& s : runs)
    for (const auto& r : s.rows)
      if (r.verdict == "violated" && !r.trace_file.empty())
        findings.push_back({"t" + std::to_string(findings.size() + 1), s.label + " " + r.id + " " + r.name + " (" +
                                std::to_string(r.trace_length) + " steps)",
                            &s, &r, itf::read(r.trace_file)});
  bool named = false;
  for (const auto& s : runs) named |= s.label != s.proposal.id;
  o << "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
       // Offline by construction: the page may load nothing but itself.
       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
       "script-src 'unsafe-inline'; img-src data:\">\n"
       "<meta name=\"viewport\" content=\"width=device-width\">\n<title>migcheck: migration interface proposals compared</title>\n"
       "<style>\n"
    << asset("report.css") << "</style></head>\n<body>\n<h1>Migration interface proposals compared</h1>\n<p><code>migcheck "
    << MIGCHECK_VERSION << "</code>, <code>" << escape(model_flags(runs[0].params)) << "</code>; "
    << (named ? "each column's feature set as named (a bare id: every feature on)." : "every feature of each proposal on.")
    << "</p>\n<nav><a href=\"#matrix\">Verdicts</a><a href=\"#proposals\">State machines</a><a href=\"#findings\">"
       "Counterexamples</a></nav>\n";
  for (const auto& s : runs) {
    if (s.never_completes)
      o << "<p class=\"warning\"><strong>No migration completes</strong> under <code>" << escape(s.label)
        << "</code>: no behaviour completes a migration with no fault, cancel or retry.</p>\n";
    if (!s.blocked_by_vmm.empty())
      o << "<p class=\"warning\"><strong>Blocked by the VMM</strong> under <code>" << escape(s.label)
        << "</code>: " << escape(s.blocked_by_vmm) << "; the interface's own verdicts are shown.</p>\n";
    if (!s.complete)
      o << "<p class=\"warning\"><strong>Cut short</strong>: <code>" << escape(s.label) << "</code> ("
        << escape(s.stop_reason) << "); its verdicts are partial.</p>\n";
  }
  for (const auto& a : not_run)
    o << "<p class=\"warning\"><strong>Not checked</strong> (interrupted): <code>" << escape(a) << "</code>.</p>\n";
  matrix(o, runs, findings);
  o << "<section id=\"proposals\"><h2>State machines</h2>\n";
  for (const auto& s : runs) proposal_section(o, s);
  o << "</section>\n<section id=\"findings\"><h2>Counterexamples</h2>\n<p>Each is the shortest behaviour that breaks the "
       "property. Click a step of a diagram to open it in the trace stepper; hover over it for the text it follows.</p>\n";
  for (const auto& f : findings) finding_section(o, f);
  // The stepper sits under the sequence diagram of the trace it steps
  // through (report.js moves it there), so both are in view together.
  o << "</section>\n<div id=\"stepper\"><div class=\"controls\"><strong>Trace stepper</strong><select id=\"step-trace\" "
       "aria-label=\"trace\"></select><button type=\"button\" id=\"step-prev\">&larr; previous</button><input "
       "type=\"range\" id=\"step-range\" min=\"0\" value=\"0\" aria-label=\"step\"><button type=\"button\" "
       "id=\"step-next\">next &rarr;</button><span id=\"step-counter\"></span></div>\n<div id=\"step-action\"></div><div "
       "id=\"step-source\"></div><div id=\"step-vars\"></div>\n</div>\n";
  o << "<footer><p>Reproduce: <code>" << escape(command) << "</code></p><p>Checked-by: migcheck " << MIGCHECK_VERSION
    << "</p></footer>\n";
  o << "<script type=\"application/json\" id=\"traces\">" << traces_json(findings) << "</script>\n<script>\n"
    << asset("report.js") << "</script>\n</body></html>\n";
}

}  // namespace migcheck::report
