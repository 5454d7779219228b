#include "model/world/check.hpp"

#include <algorithm>

#include "checker/input/errors.hpp"
#include "model/world/property_catalog.hpp"
#include "model/world/use_cases.hpp"

namespace migcheck::world {

using engine::Verdict;

void validate_params(const Params& p) {
  auto range = [](const char* flag, int v, int lo, int hi) {
    if (v < lo || v > hi)
      throw UsageError(std::string(flag) + " " + std::to_string(v) + " is out of range; expected " + std::to_string(lo) +
                       ".." + std::to_string(hi));
  };
  range("--devices", p.devices, 1, Params::kMaxDevices);
  range("--pages", p.pages, 1, Params::kMaxPages);
  range("--rounds", p.rounds, 1, Params::kMaxRounds);
  range("--faults", p.faults, 0, Params::kMaxFaults);
  range("--attempts", p.attempts, 1, Params::kMaxAttempts);
}

namespace {

const engine::PropertyResult* result(const engine::Exploration& e, const std::string& id) {
  for (const auto& r : e.results())
    if (r.id == id) return &r;
  return nullptr;
}

PropertyVerdict from_catalog(const PropertyInfo& info) {
  PropertyVerdict v;
  v.id = info.id;
  v.name = info.name;
  v.description = info.description;
  return v;
}

// A use case the exploration could not witness is one the design cannot express.
void as_use_case(PropertyVerdict& v, const engine::PropertyResult& r) {
  v.verdict = r.verdict == Verdict::violated ? Verdict::not_expressible : r.verdict;
  v.reason = r.verdict == Verdict::violated ? "no behaviour of the model does it" : r.reason;
  v.states = r.states;
  v.actions = r.actions;
}

}  // namespace

CheckResult run_check(const Proposal& p, const Params& params, const engine::Limits& limits,
                      const std::vector<std::string>& only, std::function<void(uint64_t, double)> progress,
                      engine::Options search) {
  validate_params(params);
  for (const auto& id : only)
    if (!find_property(id)) {
      std::string valid;
      for (const auto& info : property_catalog()) valid += (valid.empty() ? "" : ", ") + std::string(info.id);
      throw UsageError("unknown property '" + id + "'; valid: " + valid);
    }
  if (!p.flow.present)
    throw InputError({{p.file, "/flow", "the proposal has no \"flow\" section: the checker needs the VMM's migration flow"}});

  CheckResult out;
  out.world = std::make_unique<World>(p, params);
  if (search.threads < 1 || search.threads > engine::Options::kMaxThreads)
    throw UsageError("--threads " + std::to_string(search.threads) + " is out of range; expected 1.." +
                     std::to_string(engine::Options::kMaxThreads));
  if (search.symmetry && !out.world->has_symmetry())
    throw UsageError("--symmetry is not available for " + p.id + ": " + out.world->symmetry_unavailable());
  search.coverage = true;
  out.exploration = std::make_unique<engine::Exploration>(*out.world, limits, search);
  if (progress) out.exploration->on_progress(std::move(progress));
  out.exploration->run();
  const engine::Exploration& e = *out.exploration;
  const DeviceTable& t = out.world->table();

  for (const auto& info : property_catalog()) {
    if (!only.empty() && std::find(only.begin(), only.end(), info.id) == only.end()) continue;
    PropertyVerdict v = from_catalog(info);
    const std::string id = info.id;
    auto from_table = [&](const UseCaseAnswer& a) {
      v.verdict = a.expressible ? Verdict::holds : Verdict::not_expressible;
      v.reason = a.reason;
    };
    if (id == "U1") from_table(tracking_alone(p, t));
    else if (id == "U2") from_table(pause_resume(p, t));
    else if (id == "U3") from_table(pre_copy(p, t));
    else if (id == "U6") from_table(failure_without_state(p, t));
    else if (id == "U4") {
      const auto& steps = out.world->program(Host::source, Program::migrate).steps;
      v.verdict = Verdict::holds;
      std::string failing;
      const size_t cancellable = static_cast<size_t>(out.world->last_cancellable_step() + 1);
      for (size_t k = 0; k < cancellable; ++k) {
        const auto* r = result(e, "U4@" + std::to_string(k + 1));
        if (r->verdict == Verdict::unknown) v.verdict = Verdict::unknown, v.reason = r->reason;
        else if (r->verdict != Verdict::holds && v.verdict != Verdict::unknown) {
          v.verdict = Verdict::not_expressible;
          failing += (failing.empty() ? "" : ", ") + std::to_string(k + 1) + " (" + steps[k].label + ")";
        }
      }
      if (v.verdict == Verdict::not_expressible) v.reason = "a cancel never brings the source back intact at step(s) " + failing;
      if (v.verdict == Verdict::holds)
        v.reason = "at each of the " + std::to_string(cancellable) + " steps before the source completes";
    } else if (id == "U5") {
      const auto* witness = result(e, "U5");
      const auto* safe = result(e, "U5.safe");
      if (!safe) {
        v.verdict = Verdict::not_expressible;
        v.reason = witness->reason;
      } else if (safe->verdict == Verdict::violated) {
        v.verdict = Verdict::violated;
        v.reason = "a P2P write into a device that no longer accepts it is lost";
        v.states = safe->states;
        v.actions = safe->actions;
      } else {
        as_use_case(v, *witness);
        if (safe->verdict == Verdict::unknown) v.verdict = Verdict::unknown, v.reason = safe->reason;
      }
    } else {
      const auto* r = result(e, id);
      if (info.kind == engine::PropertyKind::reachable) as_use_case(v, *r);
      else {
        v.verdict = r->verdict;
        v.reason = r->reason;
        v.states = r->states;
        v.actions = r->actions;
        v.premise_reached = r->premise_reached;
        const auto* ff = result(e, id + "@fault-free");
        if (ff && ff->verdict == Verdict::violated) {
          v.fault_free_states = ff->states;
          v.fault_free_actions = ff->actions;
        }
      }
    }
    out.verdicts.push_back(v);
  }
  if (const auto* h = result(e, "happy-path")) {
    out.happy_path.id = out.happy_path.name = "happy-path";
    out.happy_path.description = "a migration completes with no fault, cancel or retry";
    as_use_case(out.happy_path, *h);
  }
  out.coverage = coverage(*out.world, e);
  return out;
}

}  // namespace migcheck::world
