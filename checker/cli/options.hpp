#pragma once
// Command-line options shared by check, compare and simulate, declared once,
// and the strict parsing of their numbers: a negative, overflowing or
// meaningless value is a usage error naming the flag and the valid range,
// never a silent wrap-around or "no limit".
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

#include "checker/cli/check.hpp"

namespace migcheck {

/// --devices --pages --rounds --faults --attempts --features --trace-dir (and the removed --versions, refused with its reason)
void add_model_options(CLI::App* cmd, CheckOptions& o);
/// --threads --max-states --max-memory --time-limit
void add_search_options(CLI::App* cmd, CheckOptions& o);

/// A whole number in [lo, hi], digits only; throws UsageError naming `flag`.
uint64_t parse_count(const std::string& flag, const std::string& text, uint64_t lo, uint64_t hi);
/// Seconds: a finite number above 0; throws UsageError naming `flag`.
double parse_seconds(const std::string& flag, const std::string& text);

/// The machine's available memory (MemAvailable), 0 if unknown.
uint64_t available_memory();

}  // namespace migcheck
