#pragma once
// Semantic flags of a device state: what a device in that state lets happen.
// The world (hosts, memory, stream) is driven only by these flags, so every
// proposal is checked by the same environment (domain.md §4).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace migcheck {

enum class Flag : uint8_t {
  runs,          ///< the device executes and its internal state changes
  dma,           ///< may DMA-write guest memory
  p2p_initiate,  ///< may start peer-to-peer writes into another device's BAR
  p2p_accept,    ///< accepts incoming peer-to-peer writes
  save_session,  ///< a save session (state readable by user space) is open
  final_save,    ///< the device is stopped and its final state is being read
  incremental,   ///< reads of the save session return changes while running
  resuming,      ///< a resume session (state writable by user space) is open
  tracking,      ///< dirty tracking of its DMA is on
  error,         ///< the error state of the proposal
  requestable,   ///< user space may request (write) this state
  valid,         ///< an encoding the proposal calls valid
  migration_phase,  ///< a phase of the migration protocol, not a plain device condition (U1, U2)
  reports_failure,  ///< user space writes it to report that a migration failed (U6: failure as a state)
};
inline constexpr int kFlagCount = 14;

using FlagSet = uint16_t;

constexpr FlagSet bit(Flag f) { return static_cast<FlagSet>(1u << static_cast<unsigned>(f)); }
constexpr bool has(FlagSet s, Flag f) { return (s & bit(f)) != 0; }

/// The spelling used in proposal files and reports ("p2p-initiate").
std::string_view flag_name(Flag f);
std::optional<Flag> flag_from_name(std::string_view name);
/// All flag names, comma separated, for error messages.
std::string all_flag_names();

}  // namespace migcheck
