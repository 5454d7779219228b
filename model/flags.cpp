#include "model/flags.hpp"

#include <array>

namespace migcheck {
namespace {
constexpr std::array<std::string_view, kFlagCount> kNames = {
    "runs",        "dma",         "p2p-initiate", "p2p-accept", "save-session", "final-save",
    "incremental", "resuming",    "tracking",     "error",      "requestable",  "valid",
    "migration-phase", "reports-failure"};
}

std::string_view flag_name(Flag f) { return kNames[static_cast<size_t>(f)]; }

std::optional<Flag> flag_from_name(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<Flag>(i);
  return std::nullopt;
}

std::string all_flag_names() {
  std::string out;
  for (auto n : kNames) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

}  // namespace migcheck
