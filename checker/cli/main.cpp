// migcheck: compare device live-migration interface proposals.
// main reads as phases: parse the command line -> load proposals -> run the
// command -> report; every error maps to one documented exit code.
#include <CLI/CLI.hpp>
#include <iostream>

#include "checker/cli/diagram.hpp"
#include "checker/cli/exit_codes.hpp"
#include "checker/cli/proposal_arg.hpp"
#include "checker/cli/show.hpp"
#include "model/builtin.hpp"
#include "model/conformance.hpp"
#include "model/device.hpp"
#include "model/errors.hpp"
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
  diagram->add_option("--format", diagram_format, "dot or mermaid")->required()->check(CLI::IsMember({"dot", "mermaid"}));
  diagram->add_option("--features", diagram_features, "comma-separated feature list (default: all features)");

  std::vector<std::string> conform_args;
  auto* conform = app.add_subcommand(
      "conform", "Check that each reference Boost.MSM machine derives the same table as its proposal file");
  conform->add_option("proposal", conform_args, "built-in ids (default: all)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? exit_code::ok : exit_code::usage;
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
  }
  return exit_code::ok;
}

}  // namespace
}  // namespace migcheck

int main(int argc, char** argv) {
  using namespace migcheck;
  try {
    return run(argc, argv);
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
