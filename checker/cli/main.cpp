// migcheck: compare device live-migration interface proposals.
// main reads as phases: parse the command line -> load proposals -> run the
// command -> report; every error maps to one documented exit code.
#include <CLI/CLI.hpp>
#include <iostream>

#include "checker/cli/check.hpp"
#include "checker/cli/compare.hpp"
#include "checker/cli/path_table.hpp"
#include "checker/cli/simulate.hpp"
#include "checker/cli/diagram.hpp"
#include "checker/report/report_command.hpp"
#include "checker/cli/exit_codes.hpp"
#include "checker/cli/interrupt.hpp"
#include "checker/cli/options.hpp"
#include "checker/cli/proposal_arg.hpp"
#include "checker/cli/show.hpp"
#include "checker/itf.hpp"
#include "model/builtin.hpp"
#include "model/conformance.hpp"
#include "model/device.hpp"
#include "checker/input/errors.hpp"
#include "model/features.hpp"

namespace migcheck {
namespace {

int run_conform(const std::vector<std::string>& args) {
  std::vector<std::string> ids = args.empty() ? builtin_ids() : args;
  int failures = 0;
  for (const auto& id : ids) {
    Proposal p = load_proposal_arg(id);
    if (!has_machine(p.id)) throw UsageError("proposal " + p.id + " has no reference MSM machine; built-in: " + [] {
      std::string s;
      for (const auto& i : builtin_ids()) s += (s.empty() ? "" : ", ") + i;
      return s;
    }());
    auto mismatches = check_conformance(p);
    std::cout << p.id << ": " << (mismatches.empty() ? "conforms" : "MISMATCH") << " in " << p.feature_sets().size()
              << " feature set(s)\n";
    for (const auto& m : mismatches) std::cout << "  [" << m.features << "] " << m.what << "\n";
    failures += !mismatches.empty();
  }
  return failures ? exit_code::finding : exit_code::ok;
}

std::string command_list(const CLI::App& app) {
  std::string out = "commands:";
  for (const auto* c : app.get_subcommands([](const CLI::App*) { return true; })) out += " " + c->get_name();
  return out + " (migcheck help; migcheck COMMAND --help)\n";
}

int run(int argc, char** argv) {
  CLI::App app{"migcheck: specify, model-check and compare device live-migration interfaces"};
  app.footer(exit_code_help());
  app.set_version_flag("--version", std::string("migcheck ") + MIGCHECK_VERSION);
  app.require_subcommand(1);

  auto* list = app.add_subcommand("list", "List the built-in proposals");

  std::string show_arg, show_format = "text";
  std::optional<std::string> show_features;
  auto* show = app.add_subcommand("show", "Show a proposal's states and the outcome of every (state, request) pair");
  show->add_option("proposal", show_arg, "built-in id or proposal .json file")->required();
  show->add_option("--features", show_features, "comma-separated feature list (default: every feature set)");
  show->add_option("--format", show_format, "text, markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}));

  std::string diagram_arg, diagram_format;
  std::optional<std::string> diagram_features;
  auto* diagram = app.add_subcommand("diagram", "Draw a proposal's device state machine");
  diagram->add_option("proposal", diagram_arg, "built-in id or proposal .json file")->required();
  diagram->add_option("--format", diagram_format, "dot, mermaid, or markdown (the mermaid diagram, its legend and a table of rejected and undefined requests per state)")->required()->check(CLI::IsMember({"dot", "mermaid", "markdown"}));
  diagram->add_option("--features", diagram_features, "comma-separated feature list (default: all features)");

  std::vector<std::string> conform_args;
  auto* conform = app.add_subcommand(
      "conform", "Check that each reference Boost.MSM machine derives the same table as its proposal file");
  conform->add_option("proposal", conform_args, "built-in ids (default: all)");

  CheckOptions co;
  auto* check = app.add_subcommand("check", "Explore every behaviour of a live migration under a proposal and "
                                            "give a verdict for every property");
  check->add_option("proposal", co.proposal, "built-in id or proposal .json file");
  check->add_flag("--all", co.all, "check every built-in proposal");
  check->add_option("--baseline", co.baseline, "compare verdicts with this baseline file (exit 1 on any difference)");
  check->add_flag("--update-baseline", co.update_baseline, "with --baseline: rewrite the baseline instead");
  check->add_option("--property", co.properties, "property ids to report (default: all): S1..S8, R1..R3, U1..U8");
  add_model_options(check, co);
  add_search_options(check, co);
  check->add_flag("--symmetry", co.symmetry, "store one state per orbit of interchangeable devices (where the model has them)");
  check->add_option("--format", co.format, "text or json")->check(CLI::IsMember({"text", "json"}));

  std::vector<std::string> compare_args;
  CheckOptions cmp;
  auto* compare = app.add_subcommand("compare", "Compare proposals side by side: states, verdicts, use cases");
  compare->add_option("proposals", compare_args, "built-in ids or .json files (default: all built-in proposals)");
  compare->add_option("--format", cmp.format, "text (80 columns), markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  add_model_options(compare, cmp);
  add_search_options(compare, cmp);

  std::vector<std::string> report_args;
  std::string report_output;
  CheckOptions rep;
  auto* report = app.add_subcommand(
      "report", "Compare proposals as one self-contained HTML page: verdicts, state machines, counterexamples as "
                "sequence diagrams, a trace stepper");
  report->add_option("proposals", report_args, "built-in ids, .json files or id:features (default: all built-in proposals)");
  report->add_option("--output", report_output, "the HTML file to write")->required();
  add_model_options(report, rep);
  add_search_options(report, rep);

  SimulateOptions so;
  so.check.trace_dir = "migcheck-traces";
  auto* simulate = app.add_subcommand("simulate", "Random walks through a proposal's world, for configurations too large "
                                                  "to explore; violations are shrunk and written as traces");
  simulate->add_option("proposal", so.check.proposal, "built-in id or proposal .json file")->required();
  simulate->add_option_function<std::string>(
      "--runs", [&so](const std::string& v) { so.runs = parse_count("--runs", v, 1, 100000000); }, "random walks (default 1000)");
  simulate->add_option_function<std::string>(
      "--steps", [&so](const std::string& v) { so.steps = static_cast<uint32_t>(parse_count("--steps", v, 1, 100000)); },
      "steps per walk at most (default 200)");
  simulate->add_option_function<std::string>(
      "--seed", [&so](const std::string& v) { so.seed = parse_count("--seed", v, 0, UINT64_MAX); },
      "seed (default 1); run r of seed s is the same on every machine");
  simulate->add_option_function<std::string>(
      "--run", [&so](const std::string& v) { so.run = parse_count("--run", v, 0, UINT64_MAX); },
      "replay only this run (as printed with a violation)");
  simulate->add_option_function<std::string>(
      "--progress-bias",
      [&so](const std::string& v) { so.progress_bias = static_cast<uint32_t>(parse_count("--progress-bias", v, 0, 100)); },
      "percent of picks that take the VMM's next step (default 75)");
  add_model_options(simulate, so.check);

  std::string path_proposal, path_from, path_to;
  std::optional<std::string> path_features;
  auto* path = app.add_subcommand("path", "The arcs a target-state interface walks for one request, per its path rules");
  path->add_option("proposal", path_proposal, "built-in id or proposal .json file")->required();
  path->add_option("from", path_from, "current state")->required();
  path->add_option("to", path_to, "requested state")->required();
  path->add_option("--features", path_features, "comma-separated features (default: all)");

  std::string table_proposal, table_format = "text";
  std::optional<std::string> table_features;
  auto* table = app.add_subcommand("table", "Derive the next-step table of a target-state interface from its arcs and rules");
  table->add_option("proposal", table_proposal, "built-in id or proposal .json file")->required();
  table->add_option("--features", table_features, "one feature set (default: every feature set)");
  table->add_option("--format", table_format, "text, markdown, json or c")->check(CLI::IsMember({"text", "markdown", "json", "c"}));

  std::string audit_file, audit_proposal = "v2-fsm", audit_walk = "original";
  auto* audit = app.add_subcommand("audit-table", "Audit a next-step table written in the kernel's C form");
  audit->add_option("file", audit_file, "C source holding the next-step and required-flags tables")->required();
  audit->add_option("--proposal", audit_proposal, "the proposal whose rules the table must follow (default v2-fsm)");
  audit->add_option("--walk", audit_walk, "original (the skip loop as merged) or fixed (stops at ERROR, 2026)")
      ->check(CLI::IsMember({"original", "fixed"}));

  std::string trace_file;
  bool trace_full = false, trace_diff = false;
  auto* trace = app.add_subcommand("trace", "Work with counterexample traces");
  trace->require_subcommand(1);
  auto* trace_show = trace->add_subcommand("show", "Print an ITF trace: by default only what changed at each step");
  trace_show->add_option("file", trace_file, "a .itf.json trace")->required();
  auto* full_flag = trace_show->add_flag("--full", trace_full, "print every variable of every state");
  trace_show->add_flag("--diff", trace_diff, "print only what changed (the default)")->excludes(full_flag);
  std::string trace_format = "text";
  trace_show->add_option("--format", trace_format,
                         "text (what changed per step), mermaid (a sequence diagram) or markdown (the diagram and a "
                         "table of VM, migration and device states per step)")
      ->check(CLI::IsMember({"text", "markdown", "mermaid"}));

  auto* help = app.add_subcommand("help", "List the commands (migcheck COMMAND --help: a command's options)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ExtrasError& e) {
    // an unknown command, or arguments a command does not take
    std::cerr << "migcheck: error: " << e.what() << "\n" << command_list(app);
    return exit_code::usage;
  } catch (const CLI::RequiredError& e) {
    if (app.get_subcommands().empty()) {  // no command, or one migcheck does not have
      const bool named = argc > 1 && argv[1][0] != '-';
      std::cerr << "migcheck: error: " << (named ? "unknown command '" + std::string(argv[1]) + "'" : "name a command") << "\n"
                << command_list(app);
      return exit_code::usage;
    }
    return app.exit(e) == 0 ? exit_code::ok : exit_code::usage;
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? exit_code::ok : exit_code::usage;
  }

  if (help->parsed()) {
    std::cout << app.get_formatter()->make_help(&app, "", CLI::AppFormatMode::Normal);
    return exit_code::ok;
  }

  if (list->parsed()) {
    std::vector<Proposal> ps;
    for (const auto& id : builtin_ids()) ps.push_back(load_builtin(id));
    print_list(std::cout, ps);
  } else if (show->parsed()) {
    Proposal p = load_proposal_arg(show_arg);
    print_show(std::cout, p, selected_feature_sets(p, show_features), show_format);
  } else if (diagram->parsed()) {
    Proposal p = load_proposal_arg(diagram_arg);
    FeatureSet all = static_cast<FeatureSet>((FeatureSet{1} << p.features.size()) - 1);
    FeatureSet f = diagram_features ? parse_feature_list(p, *diagram_features) : all;
    print_diagram(std::cout, p, f, diagram_format);
  } else if (conform->parsed()) {
    return run_conform(conform_args);
  } else if (check->parsed()) {
    return run_check_command(co);
  } else if (simulate->parsed()) {
    return run_simulate_command(so);
  } else if (path->parsed()) {
    return run_path_command(path_proposal, path_from, path_to, path_features);
  } else if (table->parsed()) {
    return run_table_command(table_proposal, table_features, table_format);
  } else if (audit->parsed()) {
    return run_audit_command(audit_file, audit_proposal, audit_walk);
  } else if (compare->parsed()) {
    return run_compare_command(compare_args, cmp);
  } else if (report->parsed()) {
    return run_report_command(report_args, rep, report_output);
  } else if (trace_show->parsed()) {
    if (trace_format != "text" && (trace_full || trace_diff))
      throw UsageError("--full and --diff apply to --format text only");
    const itf::json trace = itf::read(trace_file);
    if (trace_format == "mermaid") itf::sequence_diagram(std::cout, trace);
    else if (trace_format == "markdown") itf::markdown(std::cout, trace);
    else itf::show(std::cout, trace, trace_full ? itf::ShowMode::full : itf::ShowMode::diff);
  }
  return exit_code::ok;
}

}  // namespace
}  // namespace migcheck

int main(int argc, char** argv) {
  using namespace migcheck;
  install_interrupt_handlers();
  try {
    return run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "migcheck: out of memory outside the search; no report (give --max-memory to stop earlier)\n";
    return exit_code::incomplete;
  } catch (const IncompleteError& e) {
    std::cerr << "migcheck: " << e.what() << "\n";
    return exit_code::incomplete;
  } catch (const UsageError& e) {
    std::cerr << "migcheck: error: " << e.what() << "\n";
    return exit_code::usage;
  } catch (const InputError& e) {
    for (const auto& p : e.problems) std::cerr << p.str() << "\n";
    std::cerr << "migcheck: " << e.problems.size() << " problem(s) in input\n";
    return exit_code::input;
  } catch (const std::exception& e) {
    std::cerr << "migcheck: internal error: " << e.what() << "\n";
    return exit_code::internal;
  }
}
