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
  int devices() const { return n_; }
  size_t state_bytes() const override { return static_cast<size_t>(2 * n_ + 1); }
  std::vector<std::vector<uint8_t>> initial_states() const override;
  void successors(engine::StateView s, engine::Successors& out) const override;
  std::string action_name(uint32_t action) const override;
  std::vector<engine::Property> properties() const override;
  /// st < 8, ver <= MAXV, ph < 6: 28 bits at N = 5 and MAXV = 3.
  std::vector<uint16_t> value_bounds() const override;
  /// Devices are interchangeable (Rumur's scalarset in migration_sym.m): every
  /// rule is written for all i, j and the invariant quantifies over devices.
  bool has_symmetry() const override { return true; }
  /// The orbit's representative: devices sorted by (state, version).
  void canonicalize(uint8_t* state) const override;

 private:
  int n_, maxv_;
  std::vector<int> moves_[6][8];  // [phase][device state]: indices into the move rules
};

}  // namespace migcheck::bench
