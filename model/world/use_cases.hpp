#pragma once
// Use cases that are questions about the device table alone (U1, U2, U3,
// U6): can a sequence of defined requests do X without Y?
#include <string>

#include "model/device_table.hpp"

namespace migcheck::world {

struct UseCaseAnswer {
  bool expressible = false;
  std::string reason;  ///< the request sequence that does it, or why none can
};

UseCaseAnswer tracking_alone(const Proposal& p, const DeviceTable& t);        // U1
UseCaseAnswer pause_resume(const Proposal& p, const DeviceTable& t);          // U2
UseCaseAnswer pre_copy(const Proposal& p, const DeviceTable& t);              // U3
UseCaseAnswer failure_without_state(const Proposal& p, const DeviceTable& t); // U6

}  // namespace migcheck::world
