#pragma once
// The byte layout of a world state: a fixed-size header, then one record per
// device pair (source device i, destination device i), then one byte per
// guest page. Accessors read and write in place; no allocation per state.
#include <cstddef>
#include <cstdint>

namespace migcheck::world {

enum class Mode : uint8_t {
  migrating,  ///< running the migrate program
  aborting,   ///< running the abort (or cancel) program
  succeeded,  ///< the destination VM runs: the migration completed
  aborted,    ///< the abort program completed; the source runs again
  crashed,    ///< the source VMM gave up (QEMU v1 hw_error on the error state): the VM is lost
  undefined,  ///< the VMM issued a request the proposal leaves undefined
};

enum class Program : uint8_t { migrate, abort, cancel };

// header flags
constexpr uint8_t kVmSource = 1, kVmDestination = 2, kStreamBroken = 4, kLogging = 8, kCancelled = 16,
                  kDestinationResumed = 32,  // a destination load was under way when the migration was abandoned (U8)
    kP2PApplied = 64, kDestinationCrashed = 128;  // the destination VMM aborted; the source sees a broken stream
// monitor marks: sticky records of events the properties speak of
constexpr uint8_t kMarkErrorLeft = 1,  // S7: a request or recover request moved a device out of the error state
    kMarkErrorEntered = 2,             // S7's situation: a device entered the error state
    kMarkJustCancelled = 4;            // R1's scope: this state is the one right after the cancel (not sticky)
// per-device flags
constexpr uint8_t kSaved = 1, kLoaded = 2, kLoading = 4, kLost = 8, kChanged = 16,
                  kIdle = 32,   // source device reset: it starts no DMA until the guest driver reprograms it
    kWiped = 64;                // source device reset by the VMM's own recovery: the guest's device state is gone

struct Layout {
  int devices = 0, pages = 0;
  static constexpr size_t kHeader = 10, kDevice = 6;
  size_t bytes() const { return kHeader + kDevice * static_cast<size_t>(devices) + static_cast<size_t>(pages); }
};

/// A world state in place. Header: mode, program, pc, cursor, flags, faults,
/// attempts, rounds, marks, cancel_pc. Device: source state, destination
/// state, source version, sent version, destination version, flags. Page:
/// source version (bits 0-2), destination version (3-5), dirty (6).
template <class Byte>
struct BasicView {
  Byte* b;
  Layout l;

  Mode mode() const { return static_cast<Mode>(b[0]); }
  Program program() const { return static_cast<Program>(b[1]); }
  int pc() const { return b[2]; }
  int cursor() const { return b[3]; }
  bool flag(uint8_t f) const { return (b[4] & f) != 0; }
  int faults() const { return b[5]; }
  int attempts() const { return b[6]; }
  int rounds() const { return b[7]; }
  bool mark(uint8_t m) const { return (b[8] & m) != 0; }
  int cancel_pc() const { return b[9]; }  ///< 0: no cancel; else the migrate pc at cancel + 1

  Byte* dev(int i) const { return b + Layout::kHeader + Layout::kDevice * static_cast<size_t>(i); }
  int src_state(int i) const { return dev(i)[0]; }
  int dst_state(int i) const { return dev(i)[1]; }
  int src_ver(int i) const { return dev(i)[2]; }
  int sent_ver(int i) const { return dev(i)[3]; }
  int dst_ver(int i) const { return dev(i)[4]; }
  bool dflag(int i, uint8_t f) const { return (dev(i)[5] & f) != 0; }
  int state(bool source, int i) const { return source ? src_state(i) : dst_state(i); }

  Byte& page(int p) const { return b[Layout::kHeader + Layout::kDevice * static_cast<size_t>(l.devices) + static_cast<size_t>(p)]; }
  int page_src(int p) const { return page(p) & 7; }
  int page_dst(int p) const { return (page(p) >> 3) & 7; }
  bool page_dirty(int p) const { return (page(p) & 64) != 0; }
};

using View = BasicView<const uint8_t>;

struct MutView : BasicView<uint8_t> {
  void set_mode(Mode m) { b[0] = static_cast<uint8_t>(m); }
  void set_program(Program p) { b[1] = static_cast<uint8_t>(p); }
  void set_pc(int v) { b[2] = static_cast<uint8_t>(v); }
  void set_cursor(int v) { b[3] = static_cast<uint8_t>(v); }
  void set_flag(uint8_t f, bool on) { b[4] = on ? (b[4] | f) : (b[4] & ~f); }
  void add_fault() { ++b[5]; }
  void set_attempts(int v) { b[6] = static_cast<uint8_t>(v); }
  void set_rounds(int v) { b[7] = static_cast<uint8_t>(v); }
  void set_mark(uint8_t m) { b[8] |= m; }
  void clear_mark(uint8_t m) { b[8] &= static_cast<uint8_t>(~m); }
  void set_cancel_pc(int v) { b[9] = static_cast<uint8_t>(v); }
  void set_state(bool source, int i, int s) { dev(i)[source ? 0 : 1] = static_cast<uint8_t>(s); }
  void set_src_ver(int i, int v) { dev(i)[2] = static_cast<uint8_t>(v); }
  void set_sent_ver(int i, int v) { dev(i)[3] = static_cast<uint8_t>(v); }
  void set_dst_ver(int i, int v) { dev(i)[4] = static_cast<uint8_t>(v); }
  void set_dflag(int i, uint8_t f, bool on) { dev(i)[5] = on ? (dev(i)[5] | f) : (dev(i)[5] & ~f); }
  /// What a device reset does to the world: the device is in `to`; a source
  /// device's internal state restarts and it idles until reprogrammed; a
  /// destination device loses what was loaded.
  void reset_device(bool source, int i, int to) {
    set_state(source, i, to);
    if (source) {
      set_src_ver(i, 0);
      set_dflag(i, kIdle, true);
    } else {
      set_dflag(i, kLoading | kLoaded, false);
    }
  }
  void set_page(int p, int src, int dst, bool dirty) {
    page(p) = static_cast<uint8_t>((src & 7) | ((dst & 7) << 3) | (dirty ? 64 : 0));
  }
};

}  // namespace migcheck::world
