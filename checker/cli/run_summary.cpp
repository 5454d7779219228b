#include "checker/cli/run_summary.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "checker/cli/interrupt.hpp"
#include "checker/cli/options.hpp"
#include "checker/input/errors.hpp"
#include "checker/itf.hpp"
#include "model/builtin.hpp"
#include "model/features.hpp"
#include "model/world/check.hpp"
#include "model/world/world_json.hpp"

namespace migcheck {

using engine::Verdict;
using json = nlohmann::ordered_json;

std::string trace_file(const std::string& dir, const Proposal& p, const world::Params& q, const std::string& property) {
  // proposal id and file digest, configuration, property: two proposals with
  // one id, or two runs with other parameters, never share a name
  std::ostringstream name;
  name << p.id << "." << p.digest.substr(0, 8) << "." << feature_set_name(p, q.features) << ".d" << q.devices << "p"
       << q.pages << "r" << q.rounds << "f" << q.faults << "a" << q.attempts << "." << property
       << ".itf.json";
  return (std::filesystem::path(dir) / name.str()).string();
}

void prepare_trace_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw InputError({{dir, "", "cannot create the trace directory: " + ec.message()}});
  const std::string probe = (std::filesystem::path(dir) / ".migcheck-write-test").string();
  {
    std::ofstream out(probe);
    if (!out || !(out << "x") || !out.flush())
      throw InputError({{dir, "", std::string("cannot write traces here: ") + std::strerror(errno)}});
  }
  std::filesystem::remove(probe, ec);
}

std::string model_flags(const world::Params& q) {
  std::ostringstream s;
  s << "--devices " << q.devices << " --pages " << q.pages << " --rounds " << q.rounds
    << " --faults " << q.faults << " --attempts " << q.attempts;
  return s.str();
}

std::string report_signature(const std::string& command, bool markdown) {
  if (markdown) return "Reproduce: `" + command + "`\n\nChecked-by: migcheck " + MIGCHECK_VERSION + "\n";
  // Text reports fit 80 columns (a mailing-list reply): a long command
  // continues on the next line as a shell would read it.
  std::vector<std::string> units;  // a flag stays with its value
  std::istringstream words(command);
  for (std::string w; words >> w;) {
    const bool value = !units.empty() && units.back().rfind("--", 0) == 0 && units.back().find(' ') == std::string::npos &&
                       w.rfind("--", 0) != 0;
    if (value) units.back() += " " + w;
    else units.push_back(w);
  }
  std::string out = "Reproduce:", line = out;
  for (const auto& w : units) {
    if (line.size() + 1 + w.size() + 2 > 80) {
      out += " \\\n  ";
      line = "  ";
    } else {
      out += " ";
      line += " ";
    }
    out += w;
    line += w;
  }
  return out + "\nChecked-by: migcheck " + MIGCHECK_VERSION + "\n";
}

std::string params_flags(const Proposal& p, const world::Params& q) {
  return "--features " + feature_set_name(p, q.features) + " " + model_flags(q);
}

json params_json(const Proposal& p, const world::Params& q) {
  return {{"features", feature_set_name(p, q.features)}, {"devices", q.devices}, {"pages", q.pages},
          {"rounds", q.rounds}, {"faults", q.faults}, {"attempts", q.attempts}};
}

void write_world_trace(const world::World& w, const std::vector<const uint8_t*>& states, const std::vector<uint32_t>& actions,
                       const std::string& property, const std::string& description, const std::string& verdict,
                       const std::string& command, const std::string& file) {
  const Proposal& p = w.proposal();
  std::vector<json> js, events;
  std::vector<std::string> names;
  for (size_t k = 0; k < states.size(); ++k) {
    js.push_back(world::state_json(w, w.view(states[k])));
    const bool initial = k == 0 || actions[k] == engine::Exploration::kNoAction;
    names.push_back(initial ? "initial state" : w.action_name(actions[k]));
    if (initial) {
      events.emplace_back();
    } else {
      const world::World::Event e = w.event(actions[k]);
      events.push_back({{"from", e.from}, {"to", e.to}, {"label", e.label}, {"fault", e.fault},
                        {"source", w.citation(actions[k])}});
    }
  }
  json meta = {{"source", "migcheck"},
               {"description", property + " " + description},
               {"migcheck",
                {{"version", MIGCHECK_VERSION},
                 {"proposal", p.id},
                 {"proposal_file", p.file},
                 {"proposal_digest", p.digest},
                 {"parameters", params_json(p, w.params())},
                 {"property", property},
                 {"verdict", verdict},
                 {"command", command}}}};
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(file).parent_path(), ec);
  std::ofstream out(file);
  if (ec || !out || !(out << itf::document(js, names, meta, events).dump(2) << "\n") || !out.flush())
    throw InputError({{file, "", "cannot write the trace: " + (ec ? ec.message() : std::string(std::strerror(errno)))}});
}

namespace {

void write_trace(const world::CheckResult& r, const world::PropertyVerdict& v, const std::vector<std::vector<uint8_t>>& path,
                 const std::vector<uint32_t>& actions, const std::string& property, const std::string& command,
                 const std::string& file) {
  std::vector<const uint8_t*> states;
  for (const auto& s : path) states.push_back(s.data());
  write_world_trace(*r.world, states, actions, property, v.name + ": " + v.description, engine::verdict_name(v.verdict),
                    command, file);
}

// The events a reviewer needs to read a counterexample: what the environment
// or the operator did (routine VMM steps and guest writes omitted), then the
// step where the property breaks.
std::string story(const world::CheckResult& r, const std::vector<uint32_t>& actions) {
  std::vector<std::string> events;
  for (size_t k = 1; k + 1 < actions.size(); ++k) {
    std::string a = r.world->action_name(actions[k]);
    if (a.rfind("fault:", 0) == 0 || a.rfind("operator", 0) == 0 || a.find("BAR") != std::string::npos)
      events.push_back(a);
  }
  std::string out;
  for (const auto& e : events) out += (out.empty() ? "" : "; ") + e;
  if (actions.size() > 1) out += (out.empty() ? "" : "; then ") + r.world->action_name(actions.back());
  return out;
}

// Attribution: every fault in order, and each kind of environment or
// operator event once, in order of first use.
void attribute(const world::World& w, const std::vector<uint32_t>& actions, VerdictRow& row) {
  using world::ActionKind;
  for (size_t k = 1; k < actions.size(); ++k) {
    const ActionKind kind = world::decode_action(actions[k]).kind;
    if (world::is_fault(kind)) {
      row.faults.push_back(w.action_name(actions[k]).substr(7));  // without "fault: "
      continue;
    }
    const char* e = kind == ActionKind::guest_write ? "guest page writes"
                    : kind == ActionKind::dma       ? "device DMA"
                    : kind == ActionKind::progress  ? "device progress"
                    : kind == ActionKind::p2p       ? "P2P writes"
                    : kind == ActionKind::reprogram ? "guest driver reprograms a device"
                    : kind == ActionKind::cancel    ? "operator cancel"
                    : kind == ActionKind::retry     ? "VMM retry"
                                                    : nullptr;
    if (e && std::find(row.events.begin(), row.events.end(), e) == row.events.end()) row.events.push_back(e);
  }
}

}  // namespace

json summary_json(const RunSummary& s) {
  const auto& q = s.params;
  json props = json::array();
  for (const auto& r : s.rows) {
    json pj = {{"id", r.id}, {"name", r.name}, {"verdict", r.verdict}, {"reason", r.reason}};
    if (!r.premise.empty()) pj["premise"] = r.premise;
    if (r.trace_length) pj[r.trace_file.empty() ? "witness_length" : "trace_length"] = r.trace_length;
    if (!r.trace_file.empty()) {
      pj["trace_file"] = r.trace_file, pj["reproduce"] = r.reproduce;
      pj["uses"] = {{"faults", r.faults}, {"events", r.events}};
    }
    if (!r.fault_free_file.empty())
      pj["fault_free"] = {{"trace_length", r.fault_free_length}, {"trace_file", r.fault_free_file},
                          {"reproduce", r.fault_free_reproduce}};
    props.push_back(pj);
  }
  json steps = json::array();
  for (const auto& st : s.coverage.steps)
    steps.push_back({{"program", st.program}, {"step", st.step}, {"label", st.label}, {"reached", st.reached},
                     {"reached_fault_free", st.reached_fault_free}});
  auto pairs = [&](const std::vector<std::pair<int, int>>& v) {
    json a = json::array();
    for (auto [from, req] : v) a.push_back({{"from", s.state_names[from]}, {"request", s.state_names[req]}});
    return a;
  };
  json cov = {{"steps", steps},
              {"requests_issued", pairs(s.coverage.issued)},
              {"requests_issued_fault_free", pairs(s.coverage.issued_fault_free)},
              {"issued_undefined", s.coverage.issued_undefined},
              {"defined_pairs", s.coverage.defined},
              {"never_happened", s.coverage.never_happened},
              {"unreached_fault_free", s.coverage.unreached_fault_free}};
  return {{"proposal", {{"id", s.proposal.id}, {"file", s.proposal.file}, {"digest", s.proposal.digest}}},
          {"parameters", params_json(s.proposal, q)},
          {"complete", s.complete},
          {"stop_reason", s.stop_reason},
          {"states", s.stats.states},
          {"transitions", s.stats.transitions},
          {"depth", s.stats.depth},
          {"migration_completes", !s.never_completes},
          {"blocked_by_vmm", s.blocked_by_vmm},
          {"properties", props},
          {"coverage", cov}};
}

RunSummary run_summary(const std::string& argument, const CheckOptions& o, bool write_traces) {
  RunSummary out;
  out.argument = argument;
  out.proposal = load_proposal_arg(argument);
  const Proposal& p = out.proposal;
  out.label = p.id;
  out.params = o.params;
  out.params.features = o.features ? parse_feature_list(p, *o.features)
                                   : all_features(p);
  // The default memory bound leaves the machine a fifth of what it has free.
  const uint64_t memory = o.max_memory ? o.max_memory : available_memory() / 5 * 4;
  engine::Limits limits{o.max_states, memory, o.time_limit, &interrupt_flag()};
  world::validate_params(out.params);

  const std::string base = "migcheck check " + argument + " " + params_flags(p, out.params);
  std::cerr << "checking " << p.id << " (" << p.file << ", digest " << p.digest << ") with "
            << params_flags(p, out.params) << ", threads " << o.threads
            << (limits.max_states ? ", --max-states " + std::to_string(limits.max_states) : "")
            << (o.max_memory ? ", --max-memory " + o.max_memory_text
                             : memory ? ", memory bound " + std::to_string(memory >> 20) + "M (80% of the available)" : "")
            << (limits.time_limit_seconds > 0 ? ", --time-limit " + std::to_string(limits.time_limit_seconds) : "")
            << "\n";
  std::function<void(uint64_t, double)> progress;
  if (isatty(STDERR_FILENO))
    progress = [](uint64_t states, double seconds) {
      if (states == 0)  // the analysis after the search: a phase, no count
        std::cerr << "\r\033[K  analysing: " << std::fixed << std::setprecision(1) << seconds << " s" << std::flush;
      else
        std::cerr << "\r  " << states << " states, " << std::fixed << std::setprecision(1) << seconds << " s" << std::flush;
    };
  engine::Options search{o.threads < 1 ? 0u : static_cast<unsigned>(o.threads), o.symmetry};
  world::CheckResult r = world::run_check(p, out.params, limits, o.properties, progress, search);
  if (progress) std::cerr << "\r\033[K";
  out.stats = r.exploration->stats();
  out.complete = r.exploration->complete();
  out.stop_reason = r.exploration->stop_reason();
  std::cerr << std::fixed << std::setprecision(2) << "explored " << out.stats.states << " states, "
            << out.stats.transitions << " transitions, depth " << out.stats.depth << " in " << out.stats.seconds
            << " s (" << std::setprecision(0) << out.stats.states_per_second() << " states/s, " << std::setprecision(1)
            << out.stats.bytes_per_state() << " bytes/state); analysis after the search " << std::setprecision(2)
            << out.stats.analysis_seconds << " s" << (out.complete ? "" : "; INCOMPLETE: " + out.stop_reason) << "\n";

  auto file_for = [&](const std::string& id) { return trace_file(o.trace_dir, p, out.params, id); };
  for (const auto& v : r.verdicts) {
    VerdictRow row;
    row.id = v.id;
    row.name = v.name;
    row.verdict = engine::verdict_name(v.verdict);
    row.reason = v.reason;
    row.trace_length = v.states.empty() ? 0 : v.states.size() - 1;
    row.premise = v.premise_reached == 1 ? "reached" : v.premise_reached == 0 ? "never reached" : "";
    if (v.verdict == Verdict::violated && !v.states.empty()) {
      row.reproduce = base + " --property " + v.id;
      row.story = story(r, v.actions);
      attribute(*r.world, v.actions, row);
      row.trace_file = file_for(v.id);
      if (write_traces) write_trace(r, v, v.states, v.actions, v.id, row.reproduce, row.trace_file);
      if (!v.fault_free_states.empty()) {
        row.fault_free_length = v.fault_free_states.size() - 1;
        row.fault_free_file = file_for(v.id + ".fault-free");
        row.fault_free_reproduce = row.reproduce;
        if (write_traces)
          write_trace(r, v, v.fault_free_states, v.fault_free_actions, v.id + "@fault-free", row.reproduce,
                      row.fault_free_file);
      }
    }
    out.rows.push_back(row);
  }
  if (r.happy_path.verdict == Verdict::holds) {
    out.happy_path_length = r.happy_path.states.size() - 1;
    out.happy_path_file = file_for("happy-path");
    if (write_traces)
      write_trace(r, r.happy_path, r.happy_path.states, r.happy_path.actions, "happy-path", base, out.happy_path_file);
  }
  out.never_completes = r.never_completes();
  out.blocked_by_vmm = r.world->blocked_by_vmm();
  out.coverage = r.coverage;
  for (const auto& st : p.states) out.state_names.push_back(st.name);
  return out;
}

}  // namespace migcheck
