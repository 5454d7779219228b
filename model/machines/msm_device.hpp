#pragma once
// Shared by the machine translation units only: the one place Boost.MSM is
// included. Transition tables up to 30 rows need the MPL limits raised
// before any Boost header.
#define BOOST_MPL_CFG_NO_PREPROCESSED_HEADERS
#define BOOST_MPL_LIMIT_VECTOR_SIZE 30
#define BOOST_MPL_LIMIT_MAP_SIZE 30
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>

#include <optional>

#include "model/device.hpp"

namespace migcheck::machines {

namespace msm = boost::msm;
namespace mpl = boost::mpl;
using msm::front::none;
using msm::front::Row;

/// Base of every state, so the back-end can name the active state.
struct NamedState {
  virtual ~NamedState() = default;
  virtual const char* name() const { return ""; }
};

/// What the last event did: an action runs for every defined outcome, so an
/// event that ran none hit a pair the design leaves undefined. ("Handled" is
/// not trusted: a guard rejection reports HANDLED_GUARD_REJECT without
/// calling no_transition.)
enum class Fired { none, accepted, rejected };

/// Common front-end part: the record of the last event.
struct Recorder {
  Fired fired = Fired::none;
  typedef int no_message_queue;        // copies drop from ~30 ns to ~1 ns
  typedef int no_exception_thrown;
  template <class Fsm, class Event>
  void no_transition(Event const&, Fsm&, int) { fired = Fired::none; }
};

struct Accept {
  template <class E, class F, class S, class T>
  void operator()(E const&, F& fsm, S&, T&) const { fsm.fired = Fired::accepted; }
};
struct Reject {
  template <class E, class F, class S, class T>
  void operator()(E const&, F& fsm, S&, T&) const { fsm.fired = Fired::rejected; }
};

/// Holds one MSM machine. Copies go through `const Machine&` only: copying
/// a non-const lvalue or moving would pick MSM's forwarding constructor and
/// silently restart the machine in its initial state.
template <class Front>
class MsmDevice : public DeviceModel {
 public:
  using Machine = msm::back::state_machine<Front>;

  MsmDevice() { restart(); }
  MsmDevice(const MsmDevice& other) : DeviceModel(), machine_(other.machine_) {}
  MsmDevice(MsmDevice&&) = delete;
  MsmDevice& operator=(const MsmDevice&) = delete;
  MsmDevice& operator=(MsmDevice&&) = delete;

  /// Active states of all regions joined by '|', empty names skipped.
  std::string state() const override {
    std::string out;
    for (int region = 0; region < Machine::nr_regions::value; ++region) {
      const char* n = machine_->get_state_by_id(machine_->current_state()[region])->name();
      if (*n) out += (out.empty() ? "" : "|") + std::string(n);
    }
    return out;
  }

 protected:
  template <class Event>
  Fired fire(const Event& e) {
    machine_->fired = Fired::none;
    machine_->process_event(e);
    return machine_->fired;
  }
  void restart() {
    machine_.emplace();
    machine_->start();
  }
  Front& front() { return *machine_; }
  const Machine& machine() const { return *machine_; }

 private:
  std::optional<Machine> machine_;
};

#define MIGCHECK_STATE(Type, Name)                                   \
  struct Type : msm::front::state<NamedState> {                      \
    const char* name() const override { return Name; }               \
  }
#define MIGCHECK_FLAGGED_STATE(Type, Name, ...)                      \
  struct Type : msm::front::state<NamedState> {                      \
    typedef mpl::vector<__VA_ARGS__> flag_list;                      \
    const char* name() const override { return Name; }               \
  }

}  // namespace migcheck::machines
