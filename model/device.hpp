#pragma once
// A device driven through one proposal's reference Boost.MSM machine, behind a
// small type-erased value type. No Boost header is visible from here.
#include <memory>
#include <string>
#include <vector>

#include "model/proposal.hpp"

namespace migcheck {

struct RequestResult {
  OutcomeKind kind = OutcomeKind::undefined;
  std::string to;                ///< state reached, for transitions
  std::vector<std::string> via;  ///< states a failure may stop on (target-state interfaces)
};

/// Implemented once per proposal, in that proposal's translation unit.
class DeviceModel {
 public:
  virtual ~DeviceModel() = default;
  virtual std::unique_ptr<DeviceModel> clone() const = 0;
  /// Current state, spelled as in the proposal file.
  virtual std::string state() const = 0;
  /// Write or request the state named `target`.
  virtual RequestResult request(const std::string& target) = 0;
  /// The driver fails internally and reports its error state; false if the
  /// design has no such state.
  virtual bool fail() = 0;
  /// Device reset; false if the design does not say what reset does.
  virtual bool reset() = 0;
};

/// Copyable value wrapper. Every copy goes through clone(), which copies the
/// MSM machine through a const reference (see design.md: MSM pitfalls).
class Device {
 public:
  explicit Device(std::unique_ptr<DeviceModel> impl) : impl_(std::move(impl)) {}
  Device(const Device& other) : impl_(other.impl_->clone()) {}
  Device& operator=(const Device& other) {
    if (this != &other) impl_ = other.impl_->clone();
    return *this;
  }
  Device(Device&&) noexcept = default;
  Device& operator=(Device&&) noexcept = default;

  std::string state() const { return impl_->state(); }
  RequestResult request(const std::string& target) { return impl_->request(target); }
  bool fail() { return impl_->fail(); }
  bool reset() { return impl_->reset(); }

 private:
  std::unique_ptr<DeviceModel> impl_;
};

/// True if `proposal_id` has a reference MSM machine.
bool has_machine(const std::string& proposal_id);
/// The feature names the machine understands (unknown names are an error).
std::vector<std::string> machine_features(const std::string& proposal_id);
/// A device in its initial state with the named features on. Throws
/// UsageError for an unknown proposal or feature.
Device make_device(const std::string& proposal_id, const std::vector<std::string>& features);

}  // namespace migcheck
