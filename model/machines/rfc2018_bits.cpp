// Reference machine for rfc2018-bits: Kevin Tian's orthogonal bits (the seed).
// Two orthogonal regions: activity (NONE / RUNNING / STOPPED) and tracking
// (off / IN_TRACKING). A write carries the encoding read before it (users
// read-modify-write), so each region's guard sees the whole (from, to) pair
// no matter which region processes the event first. The rows are the seed's
// flows and use cases; every other write is undefined.
#include "model/machines/msm_device.hpp"
#include "model/machines/machine_factories.hpp"

#include <algorithm>

namespace migcheck::machines {
namespace {

// Bit values were not published; the seed's order (see the proposal's notes).
constexpr uint32_t kRunning = 1, kStopped = 2, kTracking = 4;

struct Write {
  uint32_t from, to;
};

template <uint32_t From, uint32_t To>
struct Is {
  template <class F, class S, class T>
  bool operator()(Write const& w, F&, S&, T&) const { return w.from == From && w.to == To; }
};

// StoppedIsNone: the seed's open question "do we need both NONE and STOPPED,
// or just STOPPED?" answered "just STOPPED".
template <bool StoppedIsNone>
struct Bits : msm::front::state_machine_def<Bits<StoppedIsNone>, NamedState>, Recorder {
  using Recorder::no_transition;
  MIGCHECK_STATE(None, "NONE");
  MIGCHECK_STATE(Running, "RUNNING");
  MIGCHECK_STATE(Stopped, "STOPPED");
  MIGCHECK_STATE(Untracked, "");
  MIGCHECK_STATE(Tracked, "IN_TRACKING");
  typedef mpl::vector<std::conditional_t<StoppedIsNone, Stopped, None>, Untracked> initial_state;

  // Only with StoppedIsNone: the destination starts from STOPPED.
  struct MergedStopped {
    template <class F, class S, class T>
    bool operator()(Write const& w, F&, S&, T&) const { return StoppedIsNone && w.from == kStopped && w.to == (kStopped | kTracking); }
  };

  struct transition_table : mpl::vector<
      // activity region
      Row<Running, Write, Stopped, Accept, Is<kRunning | kTracking, kStopped | kTracking>>,  // source step 2
      Row<None, Write, Stopped, Accept, Is<0, kStopped | kTracking>>,                       // destination step 1
      Row<Stopped, Write, Running, Accept, Is<kStopped, kRunning>>,                         // destination step 3, pause
      Row<Running, Write, Stopped, Accept, Is<kRunning, kStopped>>,                         // pause
      // tracking region
      Row<Untracked, Write, Tracked, Accept, Is<kRunning, kRunning | kTracking>>,           // source step 1, tracing
      Row<Untracked, Write, Tracked, Accept, Is<0, kStopped | kTracking>>,                  // destination step 1
      Row<Untracked, Write, Tracked, Accept, MergedStopped>,                                // destination step 1 (merged)
      Row<Tracked, Write, Untracked, Accept, Is<kStopped | kTracking, kStopped>>,           // source step 3, dest step 2, cancel
      Row<Tracked, Write, Untracked, Accept, Is<kRunning | kTracking, kRunning>>> {};       // tracing end, cancel
};

std::string encoding_name(uint32_t bits) {
  std::string out;
  for (auto [bit, name] : {std::pair{kRunning, "RUNNING"}, {kStopped, "STOPPED"}, {kTracking, "IN_TRACKING"}})
    if (bits & bit) out += (out.empty() ? "" : "|") + std::string(name);
  return out.empty() ? "NONE" : out;
}

template <bool StoppedIsNone>
class BitsDevice final : public MsmDevice<Bits<StoppedIsNone>> {
  using Base = MsmDevice<Bits<StoppedIsNone>>;

 public:
  std::unique_ptr<DeviceModel> clone() const override { return std::make_unique<BitsDevice>(*this); }
  RequestResult request(const std::string& target) override {
    uint32_t from = encoding(this->state());
    for (uint32_t bits = 0; bits <= (kRunning | kStopped | kTracking); ++bits) {
      if (encoding_name(bits) != target) continue;
      Fired f = this->fire(Write{from, bits});
      if (f == Fired::accepted) return {OutcomeKind::transition, this->state(), {}};
      return {f == Fired::rejected ? OutcomeKind::reject : OutcomeKind::undefined, "", {}};
    }
    return {OutcomeKind::reject, "", {}};
  }
  bool fail() override { return false; }  // "FAILED is not a device state"
  bool reset() override {                 // "STOPPED -> NONE, when device is reset later"
    this->restart();
    return true;
  }

 private:
  static uint32_t encoding(const std::string& name) {
    for (uint32_t bits = 0; bits <= (kRunning | kStopped | kTracking); ++bits)
      if (encoding_name(bits) == name) return bits;
    return ~0u;
  }
};

}  // namespace

std::unique_ptr<DeviceModel> make_rfc2018_bits(const std::vector<std::string>& features) {
  // incremental-read changes what reads return, not the state machine.
  if (std::find(features.begin(), features.end(), "stopped-is-none") != features.end())
    return std::make_unique<BitsDevice<true>>();
  return std::make_unique<BitsDevice<false>>();
}

}  // namespace migcheck::machines
