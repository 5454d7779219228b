#include "checker/cli/check.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <optional>
#include <iostream>
#include <nlohmann/json.hpp>

#include "checker/cli/baseline.hpp"
#include "checker/cli/exit_codes.hpp"
#include "checker/cli/interrupt.hpp"
#include "checker/cli/run_summary.hpp"
#include "checker/input/errors.hpp"
#include "model/builtin.hpp"
#include "model/features.hpp"

namespace migcheck {

using json = nlohmann::ordered_json;

namespace {

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : "; ") + x;
  return out.empty() ? "none" : out;
}

void print_coverage(const RunSummary& s) {
  const auto& c = s.coverage;
  int reached = 0, total = 0;
  for (const auto& st : c.steps)
    for (bool r : st.reached) total++, reached += r;
  std::cout << "\ncoverage: " << reached << " of " << total << " (step, device) pairs of the VMM's programs reached; "
            << c.issued.size() << " (state, request) pairs issued (" << c.issued_fault_free.size() << " with no fault, "
            << c.issued_undefined << " undefined by the design); the design defines " << c.defined << "\n";
  for (const auto& st : c.steps)
    for (size_t d = 0; d < st.reached.size(); ++d)
      if (!st.reached[d])
        std::cout << "  never reached: " << st.program << " step " << st.step << " (" << st.label << ")"
                  << (st.reached.size() > 1 ? ", device " + std::to_string(d) : "") << "\n";
  if (!c.never_happened.empty()) std::cout << "  never happened: " << joined(c.never_happened) << "\n";
  for (const auto& u : c.unreached_fault_free)
    std::cout << "  warning: " << u << " runs only in behaviours with a fault\n";
}

void print_text(const RunSummary& s) {
  if (s.never_completes)
    std::cout << "NO MIGRATION COMPLETES: " << s.proposal.id
              << ": no behaviour completes a migration with no fault, cancel or retry; verdicts about a completed "
                 "migration are vacuous\n";
  if (!s.blocked_by_vmm.empty())
    std::cout << "BLOCKED BY THE VMM: " << s.proposal.id << ": " << s.blocked_by_vmm
              << "; the interface's own verdicts follow\n";
  std::cout << s.proposal.id << " with " << params_flags(s.proposal, s.params) << "\n";
  std::cout << s.stats.states << " states, " << s.stats.transitions << " transitions, depth " << s.stats.depth
            << (s.complete ? " (complete)" : " (INCOMPLETE: " + s.stop_reason + ")") << "\n\n";
  for (const auto& r : s.rows) {
    std::cout << "  " << std::left << std::setw(4) << r.id << std::setw(24) << r.name
              << (r.verdict == "violated" ? "VIOLATED" : r.verdict) << std::right;
    if (!r.trace_file.empty()) std::cout << " (" << r.trace_length << (r.trace_length == 1 ? " step)" : " steps)");
    std::cout << "\n";
    if (!r.reason.empty()) std::cout << "      " << r.reason << "\n";
    if (!r.story.empty()) std::cout << "      what happens: " << r.story << "\n";
    if (!r.trace_file.empty()) {
      std::cout << "      faults: " << joined(r.faults) << "; events: " << joined(r.events) << "\n";
      std::cout << "      trace: " << r.trace_file << "\n";
      if (!r.fault_free_file.empty())
        std::cout << "      with no fault: " << r.fault_free_length << " steps, trace " << r.fault_free_file << "\n";
      else if (!r.faults.empty())
        std::cout << "      with no fault: holds\n";
      std::cout << "      reproduce: " << r.reproduce << "\n";
    }
  }
  print_coverage(s);
}

// A file that will be written at the end: its directory must take it now.
void check_writable(const std::string& file) {
  std::filesystem::path dir = std::filesystem::path(file).parent_path();
  if (dir.empty()) dir = ".";
  if (access(dir.c_str(), W_OK) != 0 || (std::filesystem::exists(file) && access(file.c_str(), W_OK) != 0))
    throw InputError({{file, "", std::string("cannot write the baseline: ") + std::strerror(errno)}});
}

int exit_for(const std::vector<RunSummary>& runs) {
  bool violated = false, unknown = false;
  for (const auto& s : runs) {
    unknown |= !s.complete;
    for (const auto& r : s.rows) violated |= r.verdict == "violated", unknown |= r.verdict == "unknown";
    violated |= s.never_completes;  // a design that cannot migrate is a finding in itself
  }
  return unknown ? exit_code::incomplete : violated ? exit_code::finding : exit_code::ok;
}


// The command that repeats this run (results do not depend on --threads).
std::string check_command(const CheckOptions& o) {
  std::string c = "migcheck check " + (o.all ? std::string("--all") : o.proposal) + " " + model_flags(o.params);
  if (o.features) c += " --features " + *o.features;
  if (!o.properties.empty()) {
    c += " --property";
    for (const auto& id : o.properties) c += " " + id;
  }
  return c;
}

// The command that repeats this run with --update-baseline.
std::string update_command(const CheckOptions& o) {
  return check_command(o) + " --baseline " + o.baseline + " --update-baseline";
}

}  // namespace

int run_check_command(const CheckOptions& o) {
  std::vector<std::string> args = o.all ? builtin_ids() : std::vector<std::string>{o.proposal};
  if (o.all && !o.proposal.empty()) throw UsageError("give either a proposal or --all, not both");
  if (!o.all && o.proposal.empty()) throw UsageError("name a proposal (a built-in id or a .json file) or give --all");
  if (o.update_baseline && o.baseline.empty()) throw UsageError("--update-baseline needs --baseline FILE");

  // Everything a run reads or writes besides the proposals is checked before
  // the search: a bad baseline or an unwritable directory never costs one.
  std::optional<Baseline> baseline;
  const bool merge = o.update_baseline && !o.all;  // a proposal joins (or updates its entry in) the baseline
  if (!o.baseline.empty() && (!o.update_baseline || (merge && std::filesystem::exists(o.baseline))))
    baseline = read_baseline(o.baseline);
  if (o.update_baseline) check_writable(o.baseline);
  prepare_trace_dir(o.trace_dir);

  std::vector<RunSummary> runs;
  std::vector<std::string> not_run;
  for (const auto& a : args) {
    if (interrupt_flag().load()) {
      not_run.push_back(a);
      continue;
    }
    runs.push_back(run_summary(a, o, true));
  }

  if (o.format == "json") {
    json doc = {{"tool", "migcheck"}, {"version", MIGCHECK_VERSION}, {"runs", json::array()}};
    for (const auto& s : runs) doc["runs"].push_back(summary_json(s));
    std::cout << doc.dump(2) << "\n";
  } else {
    for (size_t i = 0; i < runs.size(); ++i) {
      if (i) std::cout << "\n";
      print_text(runs[i]);
    }
    std::cout << "\n" << report_signature(check_command(o));
  }
  if (!not_run.empty()) {
    std::string names;
    for (const auto& a : not_run) names += (names.empty() ? "" : ", ") + a;
    std::cerr << "interrupted: not checked: " << names << "\n";
    return exit_code::incomplete;
  }
  if (!o.baseline.empty()) {
    if (o.update_baseline) {
      write_baseline(o.baseline, runs, merge && baseline ? &*baseline : nullptr);
      std::cerr << "baseline written: " << o.baseline << "\n";
      return exit_code::ok;
    }
    auto diffs = compare_baseline(*baseline, runs, o.all);
    if (!diffs.empty()) {
      std::cout << "\nbaseline " << o.baseline << " differs:\n";
      for (const auto& d : diffs) std::cout << "  " << d << "\n";
      std::cout << "(if the change is intended: " << update_command(o) << ")\n";
      for (const auto& r : runs)
        if (!r.complete) return exit_code::incomplete;
      return exit_code::finding;
    }
    std::cout << "\nbaseline " << o.baseline << ": no difference\n";
    return exit_code::ok;
  }
  return exit_for(runs);
}

}  // namespace migcheck
