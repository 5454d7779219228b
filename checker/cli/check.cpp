#include "checker/cli/check.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "checker/cli/exit_codes.hpp"
#include "checker/itf.hpp"
#include "model/builtin.hpp"
#include "checker/errors.hpp"
#include "model/features.hpp"
#include "model/world/check.hpp"
#include "model/world/world_json.hpp"

namespace migcheck {

using engine::Verdict;
using json = nlohmann::ordered_json;

uint64_t parse_size(const std::string& text) {
  size_t used = 0;
  unsigned long long v = 0;
  try {
    v = std::stoull(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  std::string unit = used ? text.substr(used) : "";
  uint64_t mult = unit.empty() ? 1 : unit == "K" ? 1ull << 10 : unit == "M" ? 1ull << 20 : unit == "G" ? 1ull << 30 : 0;
  if (!used || !mult || v == 0)
    throw UsageError("--max-memory '" + text + "' is not a size; expected a positive number with an optional K, M or G suffix");
  return v * mult;
}

namespace {

std::string params_flags(const CheckOptions& o, const Proposal& p) {
  const auto& q = o.params;
  std::ostringstream s;
  s << "--features " << (q.features ? feature_set_name(p, q.features) : std::string("none")) << " --devices " << q.devices
    << " --pages " << q.pages << " --versions " << q.versions << " --rounds " << q.rounds << " --faults " << q.faults
    << " --attempts " << q.attempts;
  return s.str();
}

json params_json(const CheckOptions& o, const Proposal& p) {
  const auto& q = o.params;
  return {{"features", feature_set_name(p, q.features)}, {"devices", q.devices}, {"pages", q.pages},
          {"versions", q.versions}, {"rounds", q.rounds}, {"faults", q.faults}, {"attempts", q.attempts}};
}

std::string trace_file(const CheckOptions& o, const Proposal& p, const std::string& id) {
  return (std::filesystem::path(o.trace_dir) / (p.id + "." + id + ".itf.json")).string();
}

json trace_document(const world::CheckResult& r, const world::PropertyVerdict& v, const CheckOptions& o,
                    const Proposal& p, const std::string& command) {
  std::vector<json> states;
  std::vector<std::string> actions;
  for (size_t k = 0; k < v.trace.size(); ++k) {
    states.push_back(world::state_json(*r.world, r.world->view(r.exploration->state(v.trace[k]))));
    uint32_t a = v.actions[k];
    actions.push_back(a == engine::Exploration::kNoAction ? "initial state" : r.world->action_name(a));
  }
  json meta = {{"source", "migcheck"},
               {"description", v.id + " " + v.name + ": " + v.description},
               {"migcheck",
                {{"version", MIGCHECK_VERSION},
                 {"proposal", p.id},
                 {"proposal_file", p.file},
                 {"proposal_digest", p.digest},
                 {"parameters", params_json(o, p)},
                 {"property", v.id},
                 {"verdict", engine::verdict_name(v.verdict)},
                 {"command", command}}}};
  return itf::document(states, actions, meta);
}

}  // namespace

int run_check_command(const CheckOptions& opts) {
  CheckOptions o = opts;
  Proposal p = load_proposal_arg(o.proposal);
  o.params.features = o.features ? parse_feature_list(p, *o.features)
                                 : static_cast<FeatureSet>((FeatureSet{1} << p.features.size()) - 1);
  if (o.threads < 1 || o.threads > 64) throw UsageError("--threads " + std::to_string(o.threads) + " is out of range; expected 1..64");
  engine::Limits limits{o.max_states, o.max_memory.empty() ? 0 : parse_size(o.max_memory), o.time_limit};
  if (o.time_limit < 0) throw UsageError("--time-limit must not be negative");
  world::validate_params(o.params);

  const std::string base = "migcheck check " + o.proposal + " " + params_flags(o, p);
  std::cerr << "checking " << p.id << " (" << p.file << ", digest " << p.digest << ") with " << params_flags(o, p)
            << ", threads " << o.threads << (limits.max_states ? ", --max-states " + std::to_string(limits.max_states) : "")
            << (limits.max_memory_bytes ? ", --max-memory " + o.max_memory : "")
            << (limits.time_limit_seconds > 0 ? ", --time-limit " + std::to_string(limits.time_limit_seconds) : "") << "\n";

  std::function<void(uint64_t, double)> progress;
  if (isatty(STDERR_FILENO))
    progress = [](uint64_t states, double seconds) {
      std::cerr << "\r  " << states << " states, " << std::fixed << std::setprecision(1) << seconds << " s" << std::flush;
    };
  world::CheckResult r = world::run_check(p, o.params, limits, o.properties, progress);
  if (progress) std::cerr << "\r\033[K";
  const engine::Stats& st = r.exploration->stats();
  std::cerr << std::fixed << std::setprecision(2) << "explored " << st.states << " states, " << st.transitions
            << " transitions, depth " << st.depth << " in " << st.seconds << " s (" << std::setprecision(0)
            << st.states_per_second() << " states/s, " << std::setprecision(1) << st.bytes_per_state() << " bytes/state)"
            << (r.exploration->complete() ? "" : "; INCOMPLETE: " + r.exploration->stop_reason()) << "\n";

  bool violated = false, unknown = false;
  json props = json::array();
  for (const auto& v : r.verdicts) {
    violated |= v.verdict == Verdict::violated;
    unknown |= v.verdict == Verdict::unknown;
    json pj = {{"id", v.id}, {"name", v.name}, {"verdict", engine::verdict_name(v.verdict)}, {"reason", v.reason}};
    if (v.verdict == Verdict::violated && !v.trace.empty()) {
      std::string file = trace_file(o, p, v.id);
      std::string command = base + " --property " + v.id;
      std::filesystem::create_directories(o.trace_dir);
      std::ofstream(file) << trace_document(r, v, o, p, command).dump(2) << "\n";
      pj["trace_length"] = v.trace.size() - 1;
      pj["trace_file"] = file;
      pj["reproduce"] = command;
    } else if (!v.trace.empty()) {
      pj["witness_length"] = v.trace.size() - 1;
    }
    props.push_back(pj);
  }

  if (o.format == "json") {
    json doc = {{"tool", "migcheck"},
                {"version", MIGCHECK_VERSION},
                {"proposal", {{"id", p.id}, {"file", p.file}, {"digest", p.digest}}},
                {"parameters", params_json(o, p)},
                {"complete", r.exploration->complete()},
                {"stop_reason", r.exploration->stop_reason()},
                {"states", st.states},
                {"transitions", st.transitions},
                {"depth", st.depth},
                {"properties", props}};
    std::cout << doc.dump(2) << "\n";
  } else {
    std::cout << p.id << " with " << params_flags(o, p) << "\n";
    std::cout << st.states << " states, " << st.transitions << " transitions, depth " << st.depth
              << (r.exploration->complete() ? " (complete)" : " (INCOMPLETE: " + r.exploration->stop_reason() + ")") << "\n\n";
    for (const auto& pj : props) {
      std::string verdict = pj["verdict"];
      std::cout << "  " << std::left << std::setw(4) << pj["id"].get<std::string>() << std::setw(24)
                << pj["name"].get<std::string>() << (verdict == "violated" ? "VIOLATED" : verdict);
      if (pj.contains("trace_length")) std::cout << " (" << pj["trace_length"].get<size_t>() << " steps)";
      std::cout << "\n";
      if (!pj["reason"].get<std::string>().empty()) std::cout << "      " << pj["reason"].get<std::string>() << "\n";
      if (pj.contains("trace_file"))
        std::cout << "      trace: " << pj["trace_file"].get<std::string>() << "\n      reproduce: "
                  << pj["reproduce"].get<std::string>() << "\n";
    }
    std::cout << std::right;
  }
  if (unknown || !r.exploration->complete()) return exit_code::incomplete;
  return violated ? exit_code::finding : exit_code::ok;
}

}  // namespace migcheck
