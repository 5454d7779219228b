#include "checker/cli/simulate.hpp"

#include <filesystem>
#include <iostream>

#include "checker/cli/exit_codes.hpp"
#include "checker/cli/interrupt.hpp"
#include "checker/cli/run_summary.hpp"
#include "checker/engine/simulator.hpp"
#include "checker/input/errors.hpp"
#include "model/builtin.hpp"
#include "model/features.hpp"
#include "model/world/check.hpp"
#include "model/world/property_catalog.hpp"

namespace migcheck {

int run_simulate_command(const SimulateOptions& o) {
  Proposal p = load_proposal_arg(o.check.proposal);
  world::Params q = o.check.params;
  q.features = o.check.features ? parse_feature_list(p, *o.check.features)
                                : all_features(p);
  world::validate_params(q);
  if (!p.flow.present) throw InputError({{p.file, "/flow", "the proposal has no \"flow\" section"}});
  world::World w(p, q);
  engine::SimulationOptions so{o.seed, o.runs, o.steps, o.progress_bias};
  const std::string base = "migcheck simulate " + o.check.proposal + " " + params_flags(p, q) + " --steps " +
                           std::to_string(o.steps) + " --progress-bias " + std::to_string(o.progress_bias) + " --seed " +
                           std::to_string(o.seed);
  std::cout << "simulating " << p.id << " with " << params_flags(p, q) << ": seed " << o.seed << ", "
            << (o.run ? "run " + std::to_string(*o.run) : std::to_string(o.runs) + " runs") << " of up to " << o.steps
            << " steps\n";

  // The safety properties: those that hold in every state.
  const std::vector<engine::Property> safety = world::safety_properties(w);
  std::vector<int64_t> found_in(safety.size(), -1);
  std::vector<engine::Walk> found_walk(safety.size());
  uint64_t first = o.run.value_or(0), last = o.run ? *o.run + 1 : o.runs;
  prepare_trace_dir(o.check.trace_dir);
  bool interrupted = false;
  for (uint64_t run = first; run < last; ++run) {
    if (interrupt_flag().load()) {  // report the runs done so far
      interrupted = true;
      last = run;
      break;
    }
    engine::Walk walk = engine::random_walk(w, so, run);
    for (size_t i = 0; i < safety.size(); ++i)
      if (found_in[i] < 0 && engine::first_violation(walk, safety[i]) >= 0) {
        found_in[i] = static_cast<int64_t>(run);
        found_walk[i] = walk;
      }
  }
  bool violated = false;
  for (size_t i = 0; i < safety.size(); ++i) {
    const auto& prop = safety[i];
    std::cout << "  " << prop.id << " " << prop.name << ": ";
    if (found_in[i] < 0) {
      std::cout << "no violation in " << (last - first) << " runs (not a proof)\n";
      continue;
    }
    violated = true;
    engine::Walk shrunk = engine::shrink(w, found_walk[i], prop);
    std::string file = trace_file(o.check.trace_dir, p, q, prop.id + ".simulate-seed" + std::to_string(o.seed));
    std::string command = base + " --run " + std::to_string(found_in[i]);
    std::vector<const uint8_t*> states;
    for (const auto& st : shrunk.states) states.push_back(st.data());
    write_world_trace(w, states, shrunk.actions, prop.id, prop.name + ": " + prop.description, "violated", command, file);
    std::cout << "VIOLATED in run " << found_in[i] << " (" << found_in[i] + 1 << " runs); step "
              << engine::first_violation(found_walk[i], prop) << ", shrunk to " << shrunk.states.size() - 1 << " steps\n"
              << "      trace: " << file << "\n      reproduce: " << command << "\n";
  }
  if (interrupted) {
    std::cout << "INTERRUPTED after " << (last - first) << " runs\n";
    return exit_code::incomplete;
  }
  return violated ? exit_code::finding : exit_code::ok;
}

}  // namespace migcheck
