#pragma once
// The N-device benchmark model of ../shared/bench (migration.m / migration.pml)
// on migcheck's generic engine, rule for rule and in the same rule order, so
// the three tools explore the same state space (2,112 states at N=2, MAXV=3).
// A state is st[N], ver[N], ph: one byte each.
#include "checker/engine/model.hpp"

namespace migcheck::bench {

class MigrationBench : public engine::Model {
 public:
  MigrationBench(int devices, int max_version);
  size_t state_bytes() const override { return static_cast<size_t>(2 * n_ + 1); }
  std::vector<std::vector<uint8_t>> initial_states() const override;
  void successors(engine::StateView s, engine::Successors& out) const override;
  std::string action_name(uint32_t action) const override;
  std::vector<engine::Property> properties() const override;

 private:
  int n_, maxv_;
};

}  // namespace migcheck::bench
