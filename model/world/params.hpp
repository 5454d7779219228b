#pragma once
// Bounds of one world: small defaults that explore in seconds.
#include <cstdint>

#include "model/proposal.hpp"

namespace migcheck::world {

struct Params {
  int devices = 2;       ///< devices per host
  int pages = 2;         ///< guest pages
  int rounds = 1;        ///< pre-copy rounds of a repeatable copy step
  int faults = 1;        ///< injected faults per behaviour (failed request, stream break, load failure, reset)
  int attempts = 2;      ///< migration attempts (a failed attempt may be retried)
  FeatureSet features = 0;
  bool reduce = true;    ///< the partial-order reduction of the VMMs' interleaving (reduction.cpp)

  static constexpr int kMaxDevices = 8, kMaxPages = 8, kMaxRounds = 8, kMaxFaults = 8,
                       kMaxAttempts = 4;
};

}  // namespace migcheck::world
