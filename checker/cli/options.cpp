#include "checker/cli/options.hpp"

#include <cmath>
#include <fstream>
#include <limits>

#include "checker/input/errors.hpp"

namespace migcheck {

uint64_t parse_count(const std::string& flag, const std::string& text, uint64_t lo, uint64_t hi) {
  auto fail = [&] {
    return UsageError(flag + " '" + text + "' is not a whole number in " + std::to_string(lo) + ".." + std::to_string(hi));
  };
  if (text.empty() || text.size() > 20 || text.find_first_not_of("0123456789") != std::string::npos) throw fail();
  uint64_t v = 0;
  for (char c : text) {
    const uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (std::numeric_limits<uint64_t>::max() - d) / 10) throw fail();
    v = v * 10 + d;
  }
  if (v < lo || v > hi) throw fail();
  return v;
}

double parse_seconds(const std::string& flag, const std::string& text) {
  size_t used = 0;
  double v = 0;
  try {
    v = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !std::isfinite(v) || v <= 0 || v > 1e9)
    throw UsageError(flag + " '" + text + "' is not a number of seconds; expected a number above 0 and at most 1e9");
  return v;
}

uint64_t parse_size(const std::string& text) {
  auto fail = [&] {
    return UsageError("--max-memory '" + text +
                      "' is not a size; expected a whole number of bytes from 1 up to 2^64 - 1, with an optional K, M, G "
                      "or T suffix (e.g. 512M, 8G)");
  };
  const size_t digits = text.find_first_not_of("0123456789");
  if (digits == 0) throw fail();
  const std::string unit = digits == std::string::npos ? "" : text.substr(digits);
  const int shift = unit.empty() ? 0 : unit == "K" ? 10 : unit == "M" ? 20 : unit == "G" ? 30 : unit == "T" ? 40 : -1;
  if (shift < 0) throw fail();
  uint64_t v = parse_count("--max-memory", text.substr(0, digits), 1, std::numeric_limits<uint64_t>::max() >> shift);
  return v << shift;
}

uint64_t available_memory() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  uint64_t kb = 0;
  std::string unit;
  while (in >> key >> kb >> unit)
    if (key == "MemAvailable:") return kb << 10;
  return 0;
}

void add_model_options(CLI::App* cmd, CheckOptions& o) {
  cmd->add_option("--devices", o.params.devices, "devices per host (default 2)");
  cmd->add_option("--pages", o.params.pages, "guest pages (default 2)");
  // Removed with the version counters (CHANGELOG): say so rather than "not expected".
  cmd->add_option_function<std::string>(
         "--versions",
         [](const std::string&) {
           throw UsageError("--versions was removed: the world no longer counts versions (a page is up to date or "
                            "stale, a device changed after its save or not), so there is no bound to set");
         },
         "")
      ->group("");
  cmd->add_option("--rounds", o.params.rounds, "pre-copy rounds (default 1)");
  cmd->add_option("--faults", o.params.faults, "injected faults per behaviour (default 1)");
  cmd->add_option("--attempts", o.params.attempts, "migration attempts, for retry (default 2)");
  cmd->add_option("--features", o.features, "comma-separated features (default: all on; 'none' for none)");
  cmd->add_option("--trace-dir", o.trace_dir, "where traces are written (default migcheck-traces)");
  cmd->add_flag_function(
      "--no-reduction", [&o](int64_t) { o.params.reduce = false; },
      "explore every interleaving of the two VMMs (slower; the verdicts must not change)");
}

void add_search_options(CLI::App* cmd, CheckOptions& o) {
  cmd->add_option_function<std::string>(
      "--threads", [&o](const std::string& v) { o.threads = static_cast<int>(parse_count("--threads", v, 1, 64)); },
      "worker threads, 1..64 (default 1; results are identical for any value)");
  cmd->add_option_function<std::string>(
      "--max-states",
      [&o](const std::string& v) { o.max_states = parse_count("--max-states", v, 1, std::numeric_limits<uint64_t>::max()); },
      "stop after this many states (verdicts become unknown)");
  cmd->add_option_function<std::string>(
      "--max-memory", [&o](const std::string& v) { o.max_memory = parse_size(v), o.max_memory_text = v; },
      "stop when the search or the analysis after it would exceed this (e.g. 512M, 8G; default: 80% of the available "
      "memory)");
  cmd->add_option_function<std::string>(
      "--time-limit", [&o](const std::string& v) { o.time_limit = parse_seconds("--time-limit", v); },
      "stop after this many seconds");
}

}  // namespace migcheck
