#pragma once
// `migcheck check`: explore a proposal's world and report every property.
#include <optional>
#include <string>
#include <vector>

#include "model/world/params.hpp"

namespace migcheck {

struct CheckOptions {
  std::string proposal;
  std::vector<std::string> properties;
  world::Params params;
  std::optional<std::string> features;  ///< default: every feature on
  int threads = 1;
  bool symmetry = false;
  std::string format = "text";
  std::string trace_dir = "migcheck-traces";
  uint64_t max_states = 0;   ///< 0: none
  uint64_t max_memory = 0;   ///< bytes; 0: the default bound (80% of the available memory)
  std::string max_memory_text;  ///< as the user wrote it, for the configuration line
  double time_limit = 0;     ///< 0: none
  bool all = false;            ///< every built-in proposal
  std::string baseline;        ///< compare verdicts with this baseline file
  bool update_baseline = false;
};

/// Returns the process exit code.
int run_check_command(const CheckOptions& o);

/// "512M" -> bytes; throws UsageError naming --max-memory and the valid range.
uint64_t parse_size(const std::string& text);

}  // namespace migcheck
