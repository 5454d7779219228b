#pragma once
// The byte layout of a world state: a header (one VMM record per host, the
// stream, the monitor), then one record per device pair (source device i,
// destination device i), then one byte per guest page. Accessors read and
// write in place; no allocation per state.
#include <cstddef>
#include <cstdint>

#include "model/proposal.hpp"

namespace migcheck::world {

/// Where one VMM process is.
enum class HostMode : uint8_t {
  running,   ///< running its migrate program
  aborting,  ///< running its abort, cancel or resume program
  done,      ///< its migrate program ended: source COMPLETED and cleaned up; destination VM started
  failed,    ///< its abort program ended: source VM back (or left stopped); destination process exited
  crashed,   ///< the process ended abnormally (hw_error, a crash policy): its VM is gone
};
enum class Program : uint8_t { migrate, abort, cancel, resume };
/// The program's name in traces, coverage and labels.
inline const char* program_name(Program p) {
  static const char* const names[] = {"migrate", "abort", "cancel", "resume"};
  return names[static_cast<int>(p) & 3];
}
/// What a VMM does next after a request failed (vfio_migration_set_state, §5.1):
/// each is a step of its own, so a fault and QEMU's recovery read apart in traces.
enum class Phase : uint8_t {
  none,
  recover,  ///< request the recover state
  reset,    ///< VFIO_DEVICE_RESET
  react,    ///< no recovery: the step's error policy (v1: re-read; the error state means hw_error)
};

// header flags
constexpr uint8_t kVmSource = 1, kVmDestination = 2, kLogging = 4, kCancelled = 8,
                  kDestinationResumed = 16,  // a destination load was under way when the migration was abandoned (U8)
    kP2PApplied = 32, kUndefined = 64;       // a VMM issued a request the proposal leaves undefined (S6)
// stream flags: messages sent (the destination reads them in order) and the connection
constexpr uint8_t kSetupSent = 1, kEndSent = 2, kStreamBroken = 4, kResultOk = 8;
// monitor marks: sticky records of events the properties speak of
constexpr uint8_t kMarkErrorLeft = 1,  // S7: a request or recover request moved a device out of the error state
    kMarkErrorEntered = 2,             // S7's situation: a device entered the error state
    kMarkJustCancelled = 4,            // R1's scope: this state is the one right after the cancel (not sticky)
    kMarkErrorHidden = 8;              // S7: a VMM's cached state calls a device in the error state something else
// per-device flags
constexpr uint8_t kSaved = 1, kLoaded = 2,
                  kLoading = 4,  // the destination began writing the device data (with kLoaded, or a failed load)
                  kLost = 8, kChanged = 16,
                  kIdle = 32,   // source device reset: it starts no DMA until the guest driver reprograms it
    kWiped = 64,                // source device reset by the VMM's own recovery: the guest's device state is gone
    kDstLost = 128;             // a P2P write into a destination device that did not accept it
// per-device data fd flags, per host (QEMU's migration->data_fd against the kernel's session)
constexpr uint8_t fd_held(bool source) { return source ? 1 : 4; }
constexpr uint8_t fd_dead(bool source) { return source ? 2 : 8; }  // the session behind the held fd ended
// In the error state a device keeps doing what it did before the failed arc
// ("ERROR arcs allow the device function to remain unchanged", vfio-facts
// §4.6): whether that state ran (and DMAed, accepted P2P) and initiated P2P.
constexpr uint8_t error_running(bool source) { return source ? 16 : 32; }
constexpr uint8_t error_initiating(bool source) { return source ? 64 : 128; }

struct Layout {
  int devices = 0, pages = 0;
  static constexpr size_t kHost = 5, kHeader = 2 * kHost + 7, kDevice = 6;
  static constexpr size_t kDeviceFlags = 4, kDeviceFd = 5;  ///< offsets within a device record
  size_t bytes() const { return kHeader + kDevice * static_cast<size_t>(devices) + static_cast<size_t>(pages); }
};

/// A world state in place. Per host: mode, program, pc, cursor, phase.
/// Then: flags, stream, faults, attempts, rounds, marks, cancel_pc.
/// Device: source state, destination state, source cache, destination cache
/// (the VMMs' views), flags, fd flags. Page: whether the destination holds
/// what the source last wrote (bit 0), dirty (bit 1).
///
/// No version numbers: a property only asks whether the destination holds a
/// page's or a device's latest state (S2, S3), so a page keeps "up to date"
/// and "dirty", a device "saved" and "changed after save". Counting versions
/// (as the world did until issue 12) told no property more, multiplied the states
/// by ten, and its bound stopped the guest writing a page a third time.
template <class Byte>
struct BasicView {
  Byte* b;
  Layout l;

  static size_t h(Host host) { return host == Host::source ? 0 : Layout::kHost; }
  HostMode mode(Host x) const { return static_cast<HostMode>(b[h(x)]); }
  Program program(Host x) const { return static_cast<Program>(b[h(x) + 1]); }
  int pc(Host x) const { return b[h(x) + 2]; }
  int cursor(Host x) const { return b[h(x) + 3]; }
  Phase phase(Host x) const { return static_cast<Phase>(b[h(x) + 4]); }
  bool busy(Host x) const { return mode(x) == HostMode::running || mode(x) == HostMode::aborting; }

  static constexpr size_t kMisc = 2 * Layout::kHost;
  bool flag(uint8_t f) const { return (b[kMisc] & f) != 0; }
  bool stream(uint8_t f) const { return (b[kMisc + 1] & f) != 0; }
  uint8_t flags() const { return b[kMisc]; }
  uint8_t streams() const { return b[kMisc + 1]; }
  int faults() const { return b[kMisc + 2]; }
  int attempts() const { return b[kMisc + 3]; }
  int rounds() const { return b[kMisc + 4]; }
  bool mark(uint8_t m) const { return (b[kMisc + 5] & m) != 0; }
  int cancel_pc() const { return b[kMisc + 6]; }  ///< 0: no cancel; else the source's migrate pc at cancel + 1

  Byte* dev(int i) const { return b + Layout::kHeader + Layout::kDevice * static_cast<size_t>(i); }
  int src_state(int i) const { return dev(i)[0]; }
  int dst_state(int i) const { return dev(i)[1]; }
  int state(bool source, int i) const { return dev(i)[source ? 0 : 1]; }
  int cache(bool source, int i) const { return dev(i)[source ? 2 : 3]; }
  bool dflag(int i, uint8_t f) const { return (dev(i)[Layout::kDeviceFlags] & f) != 0; }
  bool fd(int i, uint8_t f) const { return (dev(i)[Layout::kDeviceFd] & f) != 0; }

  Byte& page(int p) const { return b[Layout::kHeader + Layout::kDevice * static_cast<size_t>(l.devices) + static_cast<size_t>(p)]; }
  bool page_current(int p) const { return (page(p) & 1) != 0; }  ///< the destination holds the source's latest write
  bool page_dirty(int p) const { return (page(p) & 2) != 0; }
};

using View = BasicView<const uint8_t>;

struct MutView : BasicView<uint8_t> {
  void set_mode(Host x, HostMode m) { b[h(x)] = static_cast<uint8_t>(m); }
  void set_program(Host x, Program p) { b[h(x) + 1] = static_cast<uint8_t>(p); }
  void set_pc(Host x, int v) { b[h(x) + 2] = static_cast<uint8_t>(v); }
  void set_cursor(Host x, int v) { b[h(x) + 3] = static_cast<uint8_t>(v); }
  void set_phase(Host x, Phase p) { b[h(x) + 4] = static_cast<uint8_t>(p); }
  /// Starts program `p` of host x from its first step.
  void start(Host x, HostMode m, Program p) {
    set_mode(x, m);
    set_program(x, p);
    set_pc(x, 0);
    set_cursor(x, 0);
    set_phase(x, Phase::none);
  }
  void set_flag(uint8_t f, bool on) { set_bits(b[kMisc], f, on); }
  void set_stream(uint8_t f, bool on) { set_bits(b[kMisc + 1], f, on); }
  void add_fault() { ++b[kMisc + 2]; }
  void set_attempts(int v) { b[kMisc + 3] = static_cast<uint8_t>(v); }
  void set_rounds(int v) { b[kMisc + 4] = static_cast<uint8_t>(v); }
  void set_mark(uint8_t m) { b[kMisc + 5] |= m; }
  void clear_mark(uint8_t m) { b[kMisc + 5] &= static_cast<uint8_t>(~m); }
  void set_cancel_pc(int v) { b[kMisc + 6] = static_cast<uint8_t>(v); }
  void set_state(bool source, int i, int s) { dev(i)[source ? 0 : 1] = static_cast<uint8_t>(s); }
  void set_cache(bool source, int i, int s) { dev(i)[source ? 2 : 3] = static_cast<uint8_t>(s); }
  void set_dflag(int i, uint8_t f, bool on) { set_bits(dev(i)[Layout::kDeviceFlags], f, on); }
  void set_fd(int i, uint8_t f, bool on) { set_bits(dev(i)[Layout::kDeviceFd], f, on); }
  static void set_bits(uint8_t& byte, uint8_t f, bool on) { byte = on ? (byte | f) : (byte & ~f); }
  /// What a device reset does to the world: the device is in `to`; its data
  /// session ends; a source device idles until reprogrammed (its internal
  /// state restarts); a destination device loses what was loaded.
  void reset_device(bool source, int i, int to) {
    set_state(source, i, to);
    set_fd(i, error_running(source) | error_initiating(source), false);
    if (fd(i, fd_held(source))) set_fd(i, fd_dead(source), true);
    if (source) {
      set_dflag(i, kIdle, true);
    } else {
      set_dflag(i, kLoading | kLoaded, false);
    }
  }
  void set_page(int p, bool current, bool dirty) { page(p) = static_cast<uint8_t>((current ? 1 : 0) | (dirty ? 2 : 0)); }
};

}  // namespace migcheck::world
