// Reference machine for rfc2018-enum: Kirti Wankhede's phase enum (2018).
// The RFC wrote no transition rules; its QEMU wrote a state on each migration
// event (vfio-facts §1.1). The rows are exactly those writes; every other
// write has no row and is undefined. There is no error state and the RFC
// says nothing about reset.
#include "model/machines/msm_device.hpp"
#include "model/machines/machine_factories.hpp"

namespace migcheck::machines {
namespace {

// The seed's order; numeric values were never published.
enum Phase : int {
  kNone, kRunning, kSetup, kPrecopy, kStopNCopy, kSaveCompleted, kResume, kResumeCompleted, kFailed, kCancelled
};
constexpr const char* kNames[] = {"NONE",
                                  "RUNNING",
                                  "MIGRATION_SETUP",
                                  "MIGRATION_PRECOPY",
                                  "MIGRATION_STOPNCOPY",
                                  "MIGRATION_SAVE_COMPLETED",
                                  "MIGRATION_RESUME",
                                  "MIGRATION_RESUME_COMPLETED",
                                  "MIGRATION_FAILED",
                                  "MIGRATION_CANCELLED"};

struct Write { int phase; };

template <int P>
struct Is {
  template <class F, class S, class T>
  bool operator()(Write const& w, F&, S&, T&) const { return w.phase == P; }
};

struct Enum : msm::front::state_machine_def<Enum, NamedState>, Recorder {
  using Recorder::no_transition;
  MIGCHECK_STATE(None, "NONE");
  MIGCHECK_STATE(Running, "RUNNING");
  MIGCHECK_STATE(Setup, "MIGRATION_SETUP");
  MIGCHECK_STATE(Precopy, "MIGRATION_PRECOPY");
  MIGCHECK_STATE(StopNCopy, "MIGRATION_STOPNCOPY");
  MIGCHECK_STATE(SaveCompleted, "MIGRATION_SAVE_COMPLETED");
  MIGCHECK_STATE(Resume, "MIGRATION_RESUME");
  MIGCHECK_STATE(ResumeCompleted, "MIGRATION_RESUME_COMPLETED");
  MIGCHECK_STATE(Failed, "MIGRATION_FAILED");
  MIGCHECK_STATE(Cancelled, "MIGRATION_CANCELLED");
  typedef None initial_state;

  struct transition_table : mpl::vector<
      Row<None, Write, Running, Accept, Is<kRunning>>,            // VM start (vfio_vmstate_change)
      Row<Running, Write, Setup, Accept, Is<kSetup>>,             // migration status SETUP
      Row<Setup, Write, Precopy, Accept, Is<kPrecopy>>,           // ACTIVE while the VM runs
      Row<Setup, Write, StopNCopy, Accept, Is<kStopNCopy>>,       // ACTIVE while the VM is stopped
      Row<Precopy, Write, StopNCopy, Accept, Is<kStopNCopy>>,     // VM stops
      Row<StopNCopy, Write, SaveCompleted, Accept, Is<kSaveCompleted>>,
      Row<Setup, Write, Cancelled, Accept, Is<kCancelled>>,       // CANCELLING / CANCELLED
      Row<Precopy, Write, Cancelled, Accept, Is<kCancelled>>,
      Row<StopNCopy, Write, Cancelled, Accept, Is<kCancelled>>,
      Row<SaveCompleted, Write, Cancelled, Accept, Is<kCancelled>>,
      Row<Setup, Write, Failed, Accept, Is<kFailed>>,             // status FAILED
      Row<Precopy, Write, Failed, Accept, Is<kFailed>>,
      Row<StopNCopy, Write, Failed, Accept, Is<kFailed>>,
      Row<SaveCompleted, Write, Failed, Accept, Is<kFailed>>,
      Row<Cancelled, Write, Running, Accept, Is<kRunning>>,       // a later VM restart
      Row<Failed, Write, Running, Accept, Is<kRunning>>,
      Row<None, Write, Resume, Accept, Is<kResume>>,              // destination load_setup
      Row<Resume, Write, ResumeCompleted, Accept, Is<kResumeCompleted>>,  // load_cleanup
      Row<ResumeCompleted, Write, Running, Accept, Is<kRunning>>> {};     // destination VM starts
};

class EnumDevice final : public MsmDevice<Enum> {
 public:
  std::unique_ptr<DeviceModel> clone() const override { return std::make_unique<EnumDevice>(*this); }
  RequestResult request(const std::string& target) override {
    for (int p = kNone; p <= kCancelled; ++p) {
      if (target != kNames[p]) continue;
      Fired f = fire(Write{p});
      if (f == Fired::accepted) return {OutcomeKind::transition, state(), {}};
      return {f == Fired::rejected ? OutcomeKind::reject : OutcomeKind::undefined, "", {}};
    }
    return {OutcomeKind::reject, "", {}};
  }
  bool fail() override { return false; }   // no error state: FAILED is written by user space
  bool reset() override { return false; }  // the RFC does not mention reset
};

}  // namespace

std::unique_ptr<DeviceModel> make_rfc2018_enum(const std::vector<std::string>&) {
  return std::make_unique<EnumDevice>();
}

}  // namespace migcheck::machines
