// Reference machine for v2-fsm (Linux 5.18+, PRE_COPY since 6.2).
// The MSM machine is the driver: its rows are the direct arcs a driver
// implements for its migration_flags (vfio-facts §4.4, §4.5), and the two
// arcs refused by policy. The core's request handling sits beside it: it
// probes the machine for its arcs and session flags, then walks the path the
// documented rules give (model/path_rules), firing one arc at a time.
#include "model/machines/msm_device.hpp"
#include "model/machines/machine_factories.hpp"

#include <algorithm>
#include <deque>
#include <map>

#include "model/path_rules.hpp"

namespace migcheck::machines {
namespace {

// enum vfio_device_mig_state (vfio-facts §4.1).
enum MigState : int {
  kError = 0, kStop = 1, kRunning = 2, kStopCopy = 3, kResuming = 4, kRunningP2P = 5, kPreCopy = 6, kPreCopyP2P = 7
};
constexpr int kStates = 8;
constexpr const char* kNames[kStates] = {"ERROR",    "STOP",        "RUNNING",  "STOP_COPY",
                                         "RESUMING", "RUNNING_P2P", "PRE_COPY", "PRE_COPY_P2P"};
// struct vfio_device_feature_migration flags (§4.2).
constexpr unsigned kMigStopCopy = 1u << 0, kMigP2P = 1u << 1, kMigPreCopy = 1u << 2;

template <int Target>
struct Step {};  // the core asks the driver for one direct arc
struct Fail {};  // the driver fails and reports ERROR

// MSM state flags the core reads.
struct SaveSession {};
struct ResumeSession {};
struct ErrorState {};

template <unsigned Flags>
struct Has {
  template <class E, class F, class S, class T>
  bool operator()(E const&, F& fsm, S&, T&) const { return (fsm.migration_flags & Flags) == Flags; }
};
struct NoP2P {
  template <class E, class F, class S, class T>
  bool operator()(E const&, F& fsm, S&, T&) const { return !(fsm.migration_flags & kMigP2P); }
};
struct PreCopyNoP2P {
  template <class E, class F, class S, class T>
  bool operator()(E const&, F& fsm, S&, T&) const {
    return (fsm.migration_flags & kMigPreCopy) && !(fsm.migration_flags & kMigP2P);
  }
};

struct V2 : msm::front::state_machine_def<V2, NamedState>, Recorder {
  using Recorder::no_transition;
  unsigned migration_flags = kMigStopCopy;

  MIGCHECK_FLAGGED_STATE(Error, "ERROR", ErrorState);
  MIGCHECK_STATE(Stop, "STOP");
  MIGCHECK_STATE(Running, "RUNNING");
  MIGCHECK_FLAGGED_STATE(StopCopy, "STOP_COPY", SaveSession);
  MIGCHECK_FLAGGED_STATE(Resuming, "RESUMING", ResumeSession);
  MIGCHECK_STATE(RunningP2P, "RUNNING_P2P");
  MIGCHECK_FLAGGED_STATE(PreCopy, "PRE_COPY", SaveSession);
  MIGCHECK_FLAGGED_STATE(PreCopyP2P, "PRE_COPY_P2P", SaveSession);
  typedef Running initial_state;  // QEMU's assumption; reset also leads here (§4.6, §6.6)

  using P2P = Has<kMigP2P>;
  using Pre = Has<kMigPreCopy>;
  using P2PPre = Has<kMigP2P | kMigPreCopy>;

  struct transition_table : mpl::vector<
      // the 15 arcs of the full feature set (§4.4)
      Row<Stop, Step<kRunningP2P>, RunningP2P, Accept, P2P>,
      Row<Stop, Step<kStopCopy>, StopCopy, Accept, none>,
      Row<Stop, Step<kResuming>, Resuming, Accept, none>,
      Row<Running, Step<kRunningP2P>, RunningP2P, Accept, P2P>,
      Row<Running, Step<kPreCopy>, PreCopy, Accept, Pre>,
      Row<RunningP2P, Step<kStop>, Stop, Accept, P2P>,
      Row<RunningP2P, Step<kRunning>, Running, Accept, P2P>,
      Row<RunningP2P, Step<kPreCopyP2P>, PreCopyP2P, Accept, P2PPre>,
      Row<PreCopy, Step<kRunning>, Running, Accept, Pre>,
      Row<PreCopy, Step<kPreCopyP2P>, PreCopyP2P, Accept, P2PPre>,
      Row<PreCopyP2P, Step<kPreCopy>, PreCopy, Accept, P2PPre>,
      Row<PreCopyP2P, Step<kRunningP2P>, RunningP2P, Accept, P2PPre>,
      Row<PreCopyP2P, Step<kStopCopy>, StopCopy, Accept, P2PPre>,
      Row<StopCopy, Step<kStop>, Stop, Accept, none>,
      Row<Resuming, Step<kStop>, Stop, Accept, none>,
      // what the driver sees when the core skips unsupported states (§4.5)
      Row<Running, Step<kStop>, Stop, Accept, NoP2P>,
      Row<Stop, Step<kRunning>, Running, Accept, NoP2P>,
      Row<PreCopy, Step<kStopCopy>, StopCopy, Accept, PreCopyNoP2P>,
      // not permitted: the request fails with EINVAL (§4.4, §6.9)
      Row<StopCopy, Step<kPreCopy>, none, Reject, none>,
      Row<StopCopy, Step<kPreCopyP2P>, none, Reject, none>,
      // any failed arc may leave ERROR (§4.6)
      Row<Stop, Fail, Error, Accept, none>,
      Row<Running, Fail, Error, Accept, none>,
      Row<StopCopy, Fail, Error, Accept, none>,
      Row<Resuming, Fail, Error, Accept, none>,
      Row<RunningP2P, Fail, Error, Accept, none>,
      Row<PreCopy, Fail, Error, Accept, none>,
      Row<PreCopyP2P, Fail, Error, Accept, none>> {};
};

class V2Device final : public MsmDevice<V2> {
 public:
  explicit V2Device(unsigned flags) : flags_(flags) {
    front().migration_flags = flags;
    graph_ = probe(*this);
  }
  std::unique_ptr<DeviceModel> clone() const override { return std::make_unique<V2Device>(*this); }

  RequestResult request(const std::string& target) override {
    int t = index_of(target);
    if (t < 0) return {OutcomeKind::reject, "", {}};
    PathResolution r = resolve_request(*graph_, index_of(state()), t);
    RequestResult out{r.outcome.kind, "", {}};
    if (r.outcome.kind != OutcomeKind::transition) return out;
    for (size_t i = 1; i < r.paths.front().size(); ++i)
      if (step(r.paths.front()[i]) != Fired::accepted)
        return {OutcomeKind::undefined, "", {}};  // the probed graph and the machine disagree
    out.to = state();
    for (int v : r.outcome.via) out.via.push_back(kNames[v]);
    return out;
  }
  bool fail() override { return fire(Fail{}) == Fired::accepted; }
  bool reset() override {  // VFIO_DEVICE_RESET returns the state to RUNNING (§4.6)
    restart();
    front().migration_flags = flags_;
    return true;
  }

 private:
  unsigned flags_;
  std::shared_ptr<const ArcGraph> graph_;  // same for every copy

  static int index_of(const std::string& name) {
    for (int s = 0; s < kStates; ++s)
      if (name == kNames[s]) return s;
    return -1;
  }

  Fired step(int target) {
    switch (target) {
      case kError: return Fired::none;  // no arc leads into ERROR on request
      case kStop: return fire(Step<kStop>{});
      case kRunning: return fire(Step<kRunning>{});
      case kStopCopy: return fire(Step<kStopCopy>{});
      case kResuming: return fire(Step<kResuming>{});
      case kRunningP2P: return fire(Step<kRunningP2P>{});
      case kPreCopy: return fire(Step<kPreCopy>{});
      case kPreCopyP2P: return fire(Step<kPreCopyP2P>{});
    }
    return Fired::none;
  }

  FlagSet flags_of_current() const {
    FlagSet f = bit(Flag::valid) | bit(Flag::requestable);
    if (machine().is_flag_active<SaveSession>()) f |= bit(Flag::save_session);
    if (machine().is_flag_active<ResumeSession>()) f |= bit(Flag::resuming);
    if (machine().is_flag_active<ErrorState>()) f = bit(Flag::error);  // never requestable (§4.4)
    return f;
  }

  // Explores the driver machine itself: every state reachable by arcs and
  // failures, which arcs each accepts, which it refuses, and its session flags.
  static std::shared_ptr<const ArcGraph> probe(const V2Device& start) {
    auto g = std::make_shared<ArcGraph>(kStates);
    std::deque<V2Device> todo{start};
    g->present[index_of(start.state())] = true;
    while (!todo.empty()) {
      V2Device d(static_cast<const V2Device&>(todo.front()));
      todo.pop_front();
      int from = index_of(d.state());
      g->flags[from] = d.flags_of_current();
      auto visit = [&](V2Device& next) {
        int s = index_of(next.state());
        if (!g->present[s]) {
          g->present[s] = true;
          todo.push_back(static_cast<const V2Device&>(next));
        }
      };
      for (int to = 0; to < kStates; ++to) {
        V2Device next(static_cast<const V2Device&>(d));
        Fired f = next.step(to);
        if (f == Fired::accepted) {
          g->arc[from][to] = true;
          visit(next);
        } else if (f == Fired::rejected) {
          g->refused[from][to] = true;
        }
      }
      V2Device failed(static_cast<const V2Device&>(d));
      if (failed.fail()) visit(failed);
    }
    return g;
  }
};

}  // namespace

std::unique_ptr<DeviceModel> make_v2_fsm(const std::vector<std::string>& features) {
  unsigned flags = kMigStopCopy;  // mandatory (§4.2)
  for (const auto& f : features) flags |= f == "p2p" ? kMigP2P : f == "precopy" ? kMigPreCopy : 0;
  return std::make_unique<V2Device>(flags);
}

}  // namespace migcheck::machines
