#pragma once
// Breadth-first exhaustive exploration of a Model, level by level, so every
// counterexample is a shortest one. States are bit-packed (Packer) and kept
// in a partitioned visited set; a level is expanded in blocks, each block in
// two parallel parts (successors, then insertion by partition, overlapped
// with the next block's successors), so the result is the same for any
// number of threads. No parent links are kept:
// a counterexample is rebuilt afterwards by scanning the levels it crosses.
// Recovery properties are decided on the explored graph (backward
// reachability from the good states), never by sampling.
#include <array>
#include <atomic>
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
  uint64_t max_memory_bytes = 0;  ///< 0: none; bounds the search and the analysis after it
  double time_limit_seconds = 0;  ///< 0: none
  /// Set asynchronously (a signal handler) to stop at the next block, or
  /// before the analysis after the search; the run then reports what it has.
  const std::atomic<bool>* interrupt = nullptr;
};

struct Options {
  unsigned threads = 1;   ///< 1..kMaxThreads; results do not depend on it
  bool symmetry = false;  ///< store one state per orbit (the model must offer it)
  bool coverage = false;  ///< record which actions occur (all states, nominal states)
  /// Inline tables: place candidates in table order, then number the new
  /// ones in arrival order (the same result; off only to test that it is).
  bool table_order_lookups = true;
  /// States expanded per block; 0: the engine's choice. The result does
  /// not depend on it (tests use small blocks, so that small models have
  /// levels of many blocks).
  uint32_t block_states = 0;
  static constexpr unsigned kMaxThreads = 64;
};

class Search;

/// holds: explored completely and the property's situation occurs;
/// vacuous: explored completely but its situation never occurs;
/// not_applicable: the model has nothing the property speaks of.
enum class Verdict { holds, violated, unknown, not_expressible, vacuous, not_applicable };
const char* verdict_name(Verdict v);

struct PropertyResult {
  std::string id;
  Verdict verdict = Verdict::unknown;
  std::string reason;  ///< why unknown / not expressible, or what a witness shows
  /// The behaviour that shows the verdict (violations and witnesses): concrete
  /// states, initial state first; actions[i] leads into states[i] and
  /// actions[0] is kNoAction. Under symmetry the trace is mapped back from
  /// orbit representatives to real states of the model.
  std::vector<std::vector<uint8_t>> states;
  std::vector<uint32_t> actions;
  /// Whether the property's situation (its premise or scope) occurred:
  /// 1 yes, 0 no (complete exploration), -1 not known or no premise.
  int premise_reached = -1;
};

struct Stats {
  uint64_t states = 0, transitions = 0;
  uint32_t depth = 0;
  double seconds = 0;           ///< the search
  double analysis_seconds = 0;  ///< after the search: traces, recovery properties, premises
  /// Where the search's time went, summed over threads (so at most threads
  /// x seconds; the rest is waiting): expanding states (successors,
  /// packing, filing by partition) and inserting them into the visited set
  /// (with judging the new ones against the properties).
  double expand_seconds = 0, insert_seconds = 0;
  uint64_t memory_bytes = 0;  ///< what the explorer stores (states, index, graph); excludes per-thread scratch
  size_t state_bits = 0;      ///< a stored state's packed size
  bool table_order_lookups = false;  ///< insertion placed candidates in table order
  double states_per_second() const { return seconds > 0 ? static_cast<double>(states) / seconds : 0; }
  double bytes_per_state() const { return states ? static_cast<double>(memory_bytes) / static_cast<double>(states) : 0; }
};

/// One exploration: the stored graph plus verdicts.
class Exploration {
 public:
  /// Throws std::invalid_argument for options the model cannot take (symmetry it does not offer, 0 threads).
  Exploration(const Model& model, Limits limits, Options options = {});
  ~Exploration();
  /// Explores and decides every property. Deterministic for a given model and limits.
  void run();
  /// Called now and then during run() with (states so far, seconds), e.g. to
  /// show progress; with (0, seconds) once the analysis after the search starts.
  void on_progress(std::function<void(uint64_t, double)> f) { progress_ = std::move(f); }

  bool complete() const { return complete_; }
  const std::string& stop_reason() const { return stop_reason_; }  ///< which limit, if incomplete
  const Stats& stats() const { return stats_; }
  const std::vector<PropertyResult>& results() const { return results_; }
  /// With Options::coverage: the distinct actions taken from any expanded
  /// state, and from nominal states (Model::nominal), each sorted.
  const std::vector<uint32_t>& actions_seen() const { return actions_seen_; }
  const std::vector<uint32_t>& nominal_actions_seen() const { return nominal_actions_seen_; }

  static constexpr uint32_t kNoAction = 0xffffffffu;

 private:
  void fold_premises();
  void analyse_recovery();
  bool interrupted() const { return limits_.interrupt && limits_.interrupt->load(std::memory_order_relaxed); }
  bool out_of_memory_ = false;
  const Model& model_;
  Limits limits_;
  Options options_;
  std::function<void(uint64_t, double)> progress_;
  std::vector<Property> props_;
  bool complete_ = true;
  std::string stop_reason_;
  Stats stats_;
  std::vector<PropertyResult> results_;
  std::vector<uint32_t> actions_seen_, nominal_actions_seen_;
  size_t asked_ = 0;                  ///< props_[0, asked_) are the model's; the rest are premises
  std::vector<size_t> premise_of_;    ///< per asked property: index of its premise query, or SIZE_MAX
  std::unique_ptr<Search> search_;
};

}  // namespace migcheck::engine
