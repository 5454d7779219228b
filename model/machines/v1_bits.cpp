// Reference machine for v1-bits: the Linux 5.8 3-bit device_state
// (vfio-facts §2.1-§2.5). Rows are the documented flows; writes the uAPI's
// VFIO_DEVICE_STATE_VALID macro rejects, and every write in the error
// state, are refused; any other write has no row and stays undefined.
// QemuWrites: the reading in which a driver also accepts the writes QEMU
// 5.2-7.2 issued beyond the documented flows (the feature qemu-writes).
#include "model/machines/msm_device.hpp"
#include "model/machines/machine_factories.hpp"

#include <algorithm>

namespace migcheck::machines {
namespace {

// uAPI bit values (vfio-facts §2.1).
constexpr uint32_t kRunning = 1u << 0, kSaving = 1u << 1, kResuming = 1u << 2;
constexpr uint32_t kMask = kRunning | kSaving | kResuming;

// VFIO_DEVICE_STATE_VALID and _IS_ERROR, as the macros evaluate (§2.1).
constexpr bool uapi_valid(uint32_t s) { return (s & kResuming) ? (s & kMask) == kResuming : true; }
constexpr bool uapi_is_error(uint32_t s) { return (s & kMask) == (kSaving | kResuming); }

struct Write { uint32_t bits; };
struct Fail {};

template <uint32_t Bits>
struct Is {
  template <class F, class S, class T>
  bool operator()(Write const& w, F&, S&, T&) const { return w.bits == Bits; }
};
// A row that exists only in the qemu-writes reading.
template <uint32_t Bits, bool QemuWrites>
struct QemuWrite {
  template <class F, class S, class T>
  bool operator()(Write const& w, F&, S&, T&) const { return QemuWrites && w.bits == Bits; }
};
// A write the user may not make: not VALID, or the error encoding (never a legal target).
struct NotATarget {
  template <class F, class S, class T>
  bool operator()(Write const& w, F&, S&, T&) const { return !uapi_valid(w.bits) || uapi_is_error(w.bits); }
};

template <bool QemuWrites>
struct V1 : msm::front::state_machine_def<V1<QemuWrites>, NamedState>, Recorder {
  using Recorder::no_transition;
  MIGCHECK_STATE(Stop, "STOP");
  MIGCHECK_STATE(Running, "RUNNING");
  MIGCHECK_STATE(Saving, "SAVING");
  MIGCHECK_STATE(PreCopy, "SAVING|RUNNING");
  MIGCHECK_STATE(Resuming, "RESUMING");
  MIGCHECK_STATE(Error, "SAVING|RESUMING");
  typedef Running initial_state;  // "Default at user-application start: _RUNNING" (§2.3)

  struct transition_table : mpl::vector<
      // the documented flows (§2.3)
      Row<Running, Write, Stop, Accept, Is<0>>,                    // 1. normal shutdown
      Row<Running, Write, Saving, Accept, Is<kSaving>>,            // 2. save / suspend
      Row<Saving, Write, Stop, Accept, Is<0>>,                     // 2., 3.
      Row<Running, Write, PreCopy, Accept, Is<kSaving | kRunning>>,  // 3. live migration
      Row<PreCopy, Write, Saving, Accept, Is<kSaving>>,            // 3.
      Row<Running, Write, Resuming, Accept, Is<kResuming>>,        // 4. resuming
      Row<Resuming, Write, Running, Accept, Is<kRunning>>,         // 5. resumed
      // what QEMU 5.2-7.2 wrote beyond the flows: save_complete_precopy's
      // (~RUNNING, SAVING) over 010, and RUNNING from the cancel/failure
      // notifier and VM start (~(SAVING|RESUMING), RUNNING) (§2.7, libvfio-user #679)
      Row<Saving, Write, Saving, Accept, QemuWrite<kSaving, QemuWrites>>,
      Row<Running, Write, Running, Accept, QemuWrite<kRunning, QemuWrites>>,
      Row<PreCopy, Write, Running, Accept, QemuWrite<kRunning, QemuWrites>>,
      Row<Saving, Write, Running, Accept, QemuWrite<kRunning, QemuWrites>>,
      Row<Stop, Write, Running, Accept, QemuWrite<kRunning, QemuWrites>>,
      // invalid and error encodings are never targets (§2.2)
      Row<Stop, Write, none, Reject, NotATarget>,
      Row<Running, Write, none, Reject, NotATarget>,
      Row<Saving, Write, none, Reject, NotATarget>,
      Row<PreCopy, Write, none, Reject, NotATarget>,
      Row<Resuming, Write, none, Reject, NotATarget>,
      // only reset leaves 110b (§2.4, §2.5)
      Row<Error, Write, none, Reject, none>,
      // an internal driver error reports 110b (§2.4)
      Row<Stop, Fail, Error, Accept, none>,
      Row<Running, Fail, Error, Accept, none>,
      Row<Saving, Fail, Error, Accept, none>,
      Row<PreCopy, Fail, Error, Accept, none>,
      Row<Resuming, Fail, Error, Accept, none>> {};
};

// The machine's own spelling of encodings: bits named SAVING, RESUMING, RUNNING in that order.
std::string encoding_name(uint32_t bits) {
  std::string out;
  for (auto [bit, name] : {std::pair{kSaving, "SAVING"}, {kResuming, "RESUMING"}, {kRunning, "RUNNING"}})
    if (bits & bit) out += (out.empty() ? "" : "|") + std::string(name);
  return out.empty() ? "STOP" : out;
}

template <bool QemuWrites>
class V1Device final : public MsmDevice<V1<QemuWrites>> {
 public:
  std::unique_ptr<DeviceModel> clone() const override { return std::make_unique<V1Device>(*this); }
  RequestResult request(const std::string& target) override {
    for (uint32_t bits = 0; bits <= kMask; ++bits) {
      if (encoding_name(bits) != target) continue;
      Fired f = this->fire(Write{bits});
      if (f == Fired::accepted) return {OutcomeKind::transition, this->state(), {}};
      return {f == Fired::rejected ? OutcomeKind::reject : OutcomeKind::undefined, "", {}};
    }
    return {OutcomeKind::reject, "", {}};  // not an encoding of this field
  }
  bool fail() override { return this->fire(Fail{}) == Fired::accepted; }
  bool reset() override {  // returns to the default, _RUNNING (§2.5)
    this->restart();
    return true;
  }
};

}  // namespace

std::unique_ptr<DeviceModel> make_v1_bits(const std::vector<std::string>& features) {
  if (std::find(features.begin(), features.end(), "qemu-writes") != features.end())
    return std::make_unique<V1Device<true>>();
  return std::make_unique<V1Device<false>>();
}

}  // namespace migcheck::machines
