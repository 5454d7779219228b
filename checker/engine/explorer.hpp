#pragma once
// Breadth-first exhaustive exploration of a Model, so every counterexample
// is a shortest one. Recovery properties are decided on the explored graph
// (backward reachability from the good states), never by sampling.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "checker/engine/chunked.hpp"
#include "checker/engine/model.hpp"

namespace migcheck::engine {

struct Limits {
  uint64_t max_states = 0;        ///< 0: none
  uint64_t max_memory_bytes = 0;  ///< 0: none
  double time_limit_seconds = 0;  ///< 0: none
};

enum class Verdict { holds, violated, unknown, not_expressible };
const char* verdict_name(Verdict v);

struct PropertyResult {
  std::string id;
  Verdict verdict = Verdict::unknown;
  std::string reason;           ///< why unknown / not expressible, or what a witness shows
  std::vector<uint32_t> trace;    ///< state numbers, initial state first (violations and witnesses)
  std::vector<uint32_t> actions;  ///< actions[i] leads into trace[i]; actions[0] is kNoAction
};

struct Stats {
  uint64_t states = 0, transitions = 0;
  uint32_t depth = 0;
  double seconds = 0;
  uint64_t memory_bytes = 0;
  double states_per_second() const { return seconds > 0 ? static_cast<double>(states) / seconds : 0; }
  double bytes_per_state() const { return states ? static_cast<double>(memory_bytes) / static_cast<double>(states) : 0; }
};

/// One exploration: the stored graph plus verdicts.
class Exploration {
 public:
  Exploration(const Model& model, Limits limits);
  /// Explores and decides every property. Deterministic for a given model.
  void run();
  /// Called now and then during run() with (states so far, seconds), e.g. to show progress.
  void on_progress(std::function<void(uint64_t, double)> f) { progress_ = std::move(f); }

  bool complete() const { return complete_; }
  const std::string& stop_reason() const { return stop_reason_; }  ///< which limit, if incomplete
  const Stats& stats() const { return stats_; }
  const std::vector<PropertyResult>& results() const { return results_; }

  /// The states and actions of a trace: states[i] is reached by actions[i] (actions[0] = none).
  const uint8_t* state(uint32_t n) const;
  uint32_t action_into(uint32_t n) const { return action_[n]; }
  static constexpr uint32_t kNoAction = 0xffffffffu;

 private:
  const Model& model_;
  Limits limits_;
  std::function<void(uint64_t, double)> progress_;
  std::vector<Property> props_;
  bool complete_ = true;
  std::string stop_reason_;
  Stats stats_;
  std::vector<PropertyResult> results_;
  struct Storage;
  std::shared_ptr<Storage> store_;
  Chunked<uint32_t> parent_, action_;
  // Kept only when a recoverable property is asked. States are expanded in
  // number order, so a state's out-edges are one contiguous run from
  // edge_begin_[state].
  Chunked<uint32_t> edge_begin_, edge_to_, edge_action_;

  void set_trace(PropertyResult& r, uint32_t n) const;
  uint64_t memory() const;
  void extend_to_dead_end(PropertyResult& r, const std::vector<bool>& good) const;
  void decide_recoverable();
};

}  // namespace migcheck::engine
