#include "bench/model/migration_model.hpp"

#include <cstring>
#include <utility>

namespace migcheck::bench {
namespace {

// Device states and phases, in the order of the Murphi enums.
enum : uint8_t { RUNNING, RUNNING_P2P, PRE_COPY, PRE_COPY_P2P, STOP_COPY, STOP, RESUMING, ERR };
enum : uint8_t { PH_RUN, PH_QUIESCE, PH_SAVE, PH_RESTORE, PH_RESUME, PH_ABORT };

bool active(uint8_t s) { return s == RUNNING || s == PRE_COPY; }
bool accepts(uint8_t s) { return s == RUNNING || s == PRE_COPY || s == RUNNING_P2P || s == PRE_COPY_P2P; }
bool stopped(uint8_t s) { return s == STOP_COPY || s == STOP || s == RESUMING; }

// Per-device rules after self_write and p2p_dma, as (phase, from, to); phase 255 = any phase.
struct Move {
  const char* name;
  uint8_t phase, from, to;
};
constexpr Move kMoves[] = {
    {"start_precopy", PH_RUN, RUNNING, PRE_COPY},          {"cancel_precopy", PH_RUN, PRE_COPY, RUNNING},
    {"quiesce_running", PH_QUIESCE, RUNNING, RUNNING_P2P},  {"quiesce_precopy", PH_QUIESCE, PRE_COPY, PRE_COPY_P2P},
    {"p2p_to_stop", PH_SAVE, RUNNING_P2P, STOP},            {"stop_to_stopcopy", PH_SAVE, STOP, STOP_COPY},
    {"precopyp2p_to_sc", PH_SAVE, PRE_COPY_P2P, STOP_COPY}, {"stopcopy_done", PH_SAVE, STOP_COPY, STOP},
    {"stop_to_resuming", PH_RESTORE, STOP, RESUMING},       {"resuming_done", PH_RESTORE, RESUMING, RUNNING_P2P},
    {"resume", PH_RESUME, RUNNING_P2P, RUNNING},            {"abort_precopy", PH_ABORT, PRE_COPY, RUNNING},
    {"abort_precopyp2p", PH_ABORT, PRE_COPY_P2P, RUNNING_P2P}, {"abort_stopcopy", PH_ABORT, STOP_COPY, STOP},
    {"abort_resuming", PH_ABORT, RESUMING, STOP},           {"abort_stop", PH_ABORT, STOP, RUNNING_P2P},
};
constexpr int kMoveCount = sizeof(kMoves) / sizeof(kMoves[0]);

// Action ids: device rules are (i, rule) with rule 0 self_write, 1..N p2p to
// j = rule - 1, then fail, reset, then the moves; orchestrator rules follow.
enum Orchestrator { BEGIN_QUIESCE, BEGIN_SAVE, BEGIN_RESTORE, BEGIN_RESUME, MIGRATION_DONE, ABORT, ABORT_DONE };
constexpr const char* kOrchestrator[] = {"begin_quiesce", "begin_save",  "begin_restore", "begin_resume",
                                         "migration_done", "abort", "abort_done"};

}  // namespace

MigrationBench::MigrationBench(int devices, int max_version) : n_(devices), maxv_(max_version) {
  // The moves enabled in each (phase, device state), in rule order: the
  // same successors as testing all 16 rules, without testing them.
  for (int m = 0; m < kMoveCount; ++m) moves_[kMoves[m].phase][kMoves[m].from].push_back(m);
}

std::vector<std::vector<uint8_t>> MigrationBench::initial_states() const {
  return {std::vector<uint8_t>(state_bytes(), 0)};  // all RUNNING, versions 0, PH_RUN
}

void MigrationBench::successors(engine::StateView s, engine::Successors& out) const {
  const uint8_t* st = s;
  const uint8_t* ver = s + n_;
  const uint8_t ph = s[2 * n_];
  const uint32_t per_device = static_cast<uint32_t>(n_ + 3 + kMoveCount);
  const size_t bytes = state_bytes();
  auto emit = [&](uint32_t action) {
    uint8_t* t = out.add(action);
    if (bytes >= 8 && bytes <= 16) {  // two overlapping words: 2N+1 bytes copied without a call to memcpy
      std::memcpy(t, s, 8);
      std::memcpy(t + bytes - 8, s + bytes - 8, 8);
    } else {
      std::memcpy(t, s, bytes);
    }
    return t;
  };
  for (int i = 0; i < n_; ++i) {
    uint32_t base = static_cast<uint32_t>(i) * per_device;
    if (active(st[i]) && ver[i] < maxv_) emit(base + 0)[n_ + i]++;  // self_write
    for (int j = 0; j < n_; ++j)                                   // p2p_dma
      if (i != j && active(st[i]) && accepts(st[j]) && ver[j] < maxv_) emit(base + 1 + static_cast<uint32_t>(j))[n_ + j]++;
    if (st[i] != ERR) emit(base + 1 + static_cast<uint32_t>(n_))[i] = ERR;  // fail
    if (st[i] == ERR && (ph == PH_RUN || ph == PH_RESUME)) {                // reset
      uint8_t* t = emit(base + 2 + static_cast<uint32_t>(n_));
      t[i] = RUNNING;
      t[n_ + i] = 0;
    }
    for (int m : moves_[ph][st[i]]) emit(base + 3 + static_cast<uint32_t>(n_ + m))[i] = kMoves[m].to;
  }
  auto all = [&](auto pred) {
    for (int i = 0; i < n_; ++i)
      if (!pred(st[i])) return false;
    return true;
  };
  const uint32_t orch = static_cast<uint32_t>(n_) * per_device;
  auto phase = [&](Orchestrator r, uint8_t to) { emit(orch + r)[2 * n_] = to; };
  if (ph == PH_RUN) phase(BEGIN_QUIESCE, PH_QUIESCE);
  if (ph == PH_QUIESCE && all([](uint8_t x) { return x == RUNNING_P2P || x == PRE_COPY_P2P; })) phase(BEGIN_SAVE, PH_SAVE);
  if (ph == PH_SAVE && all([](uint8_t x) { return x == STOP; })) phase(BEGIN_RESTORE, PH_RESTORE);
  if (ph == PH_RESTORE && all([](uint8_t x) { return x == RUNNING_P2P; })) phase(BEGIN_RESUME, PH_RESUME);
  if (ph == PH_RESUME && all([](uint8_t x) { return x == RUNNING; })) phase(MIGRATION_DONE, PH_RUN);
  if (ph == PH_QUIESCE || ph == PH_SAVE || ph == PH_RESTORE) phase(ABORT, PH_ABORT);
  if (ph == PH_ABORT && all([](uint8_t x) { return x == RUNNING || x == RUNNING_P2P || x == ERR; })) phase(ABORT_DONE, PH_RESUME);
}

std::vector<uint16_t> MigrationBench::value_bounds() const {
  std::vector<uint16_t> b(state_bytes());
  for (int i = 0; i < n_; ++i) {
    b[static_cast<size_t>(i)] = ERR + 1;
    b[static_cast<size_t>(n_ + i)] = static_cast<uint16_t>(maxv_ + 1);
  }
  b[static_cast<size_t>(2 * n_)] = PH_ABORT + 1;
  return b;
}

void MigrationBench::canonicalize(uint8_t* s) const {
  // Insertion sort of (st[i], ver[i]) pairs: N is at most 8.
  for (int i = 1; i < n_; ++i)
    for (int j = i; j > 0 && (s[j - 1] > s[j] || (s[j - 1] == s[j] && s[n_ + j - 1] > s[n_ + j])); --j) {
      std::swap(s[j - 1], s[j]);
      std::swap(s[n_ + j - 1], s[n_ + j]);
    }
}

std::string MigrationBench::action_name(uint32_t a) const {
  const uint32_t per_device = static_cast<uint32_t>(n_ + 3 + kMoveCount);
  if (a >= static_cast<uint32_t>(n_) * per_device) return kOrchestrator[a - static_cast<uint32_t>(n_) * per_device];
  uint32_t i = a / per_device, r = a % per_device;
  std::string dev = "[" + std::to_string(i) + "]";
  if (r == 0) return "self_write" + dev;
  if (r <= static_cast<uint32_t>(n_)) return "p2p_dma" + dev + "[" + std::to_string(r - 1) + "]";
  if (r == static_cast<uint32_t>(n_) + 1) return "fail" + dev;
  if (r == static_cast<uint32_t>(n_) + 2) return "reset" + dev;
  return kMoves[r - static_cast<uint32_t>(n_) - 3].name + dev;
}

std::vector<engine::Property> MigrationBench::properties() const {
  // p2p_quiescence: no device is stopped while another could still initiate DMA.
  return {{"p2p_quiescence", "p2p_quiescence", "no device stopped while another is RUNNING or PRE_COPY",
           engine::PropertyKind::always,
           [n = n_](engine::StateView s) {
             bool any_stopped = false, any_active = false;
             for (int i = 0; i < n; ++i) any_stopped |= stopped(s[i]), any_active |= active(s[i]);
             return !(any_stopped && any_active);
           },
           {}, {}, "", "", ""}};
}

}  // namespace migcheck::bench
