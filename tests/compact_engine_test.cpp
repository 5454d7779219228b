// The explorer's storage and search options: packing round-trips and
// rejects states beyond their declared bounds; the three kinds of table
// slots agree; any thread count gives the same exploration; symmetry
// reduction stores exactly one state per orbit and its traces replay as
// real behaviours.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <unordered_set>

#include "bench/model/migration_model.hpp"
#include "checker/engine/explorer.hpp"
#include "checker/engine/handover_array.hpp"
#include "checker/engine/packer.hpp"
#include "checker/engine/visited_set.hpp"

namespace migcheck::engine {
namespace {

TEST(Packer, RoundTripsEveryFieldWidth) {
  std::mt19937 rng(20261127);
  for (size_t bytes : {1, 3, 8, 11, 24, 40}) {
    std::vector<uint16_t> bounds(bytes);
    for (auto& b : bounds) b = static_cast<uint16_t>(1 + rng() % 256);  // 1 (no bits) .. 256 (a byte)
    Packer packer(bytes, bounds);
    std::vector<uint8_t> s(bytes), back(bytes), packed(packer.packed_bytes() + 8);
    for (int round = 0; round < 200; ++round) {
      for (size_t i = 0; i < bytes; ++i) s[i] = static_cast<uint8_t>(rng() % bounds[i]);
      packer.pack(s.data(), packed.data());
      // unpack reads the key's bytes and no more (the explorer reads keys
      // another thread appends after): an exact copy, so ASan sees an overread.
      const std::vector<uint8_t> exact(packed.begin(), packed.begin() + static_cast<long>(packer.packed_bytes()));
      packer.unpack(exact.data(), back.data());
      ASSERT_EQ(s, back) << bytes << " bytes, round " << round;
      if (packer.packed_bytes() > 8) continue;
      uint64_t word = 0;  // a key of at most 8 bytes as the explorer holds it
      std::memcpy(&word, packed.data(), packer.packed_bytes());
      std::fill(back.begin(), back.end(), 0xee);
      packer.unpack_word(word, back.data());
      ASSERT_EQ(s, back) << bytes << " bytes, round " << round << ", from a word";
    }
  }
}

// Where the CPU gathers bits in hardware, packing a state of 8 to 16 bytes
// takes that path; it must give the loop's words and reject what the loop
// rejects, for every mix of bounds it takes (powers of two, bounds up to 128
// checked by subtraction, zero-width fields, whole bytes).
TEST(Packer, GatheringAgreesWithTheLoop) {
  std::mt19937 rng(20261203);
  const uint16_t choices[] = {1, 2, 3, 4, 5, 7, 8, 13, 16, 100, 127, 128, 256};
  size_t gathered = 0;
  for (size_t bytes = 8; bytes <= 16; ++bytes)
    for (int shape = 0; shape < 40; ++shape) {
      std::vector<uint16_t> bounds(bytes);
      size_t bits = 0;
      for (auto& b : bounds) {
        b = choices[rng() % (bits > 40 ? 6 : std::size(choices))];  // keep most shapes within a word
        bits += b <= 1 ? 0 : 32 - static_cast<size_t>(__builtin_clz(b - 1u));
      }
      Packer fast(bytes, bounds), loop(bytes, bounds, false);
      ASSERT_FALSE(loop.gathers());
      if (!fast.gathers()) continue;
      ++gathered;
      std::vector<uint8_t> s(bytes), a(bytes + 8), b(bytes + 8), back(bytes);
      for (int round = 0; round < 100; ++round) {
        for (size_t i = 0; i < bytes; ++i) s[i] = static_cast<uint8_t>(rng() % bounds[i]);
        fast.pack(s.data(), a.data());
        loop.pack(s.data(), b.data());
        ASSERT_EQ(0, std::memcmp(a.data(), b.data(), fast.packed_bytes())) << bytes << " bytes, shape " << shape;
        uint64_t word = 0;
        std::memcpy(&word, a.data(), fast.packed_bytes());
        std::fill(back.begin(), back.end(), 0xee);
        fast.unpack_word(word, back.data());
        ASSERT_EQ(s, back) << bytes << " bytes, shape " << shape;
        // One byte at or beyond its bound: both reject it, naming it.
        const size_t i = rng() % bytes;
        if (bounds[i] == 256) continue;
        s[i] = static_cast<uint8_t>(bounds[i] + rng() % (256 - bounds[i]));
        std::string fast_error, loop_error;
        try { fast.pack(s.data(), a.data()); } catch (const std::logic_error& e) { fast_error = e.what(); }
        try { loop.pack(s.data(), b.data()); } catch (const std::logic_error& e) { loop_error = e.what(); }
        ASSERT_FALSE(loop_error.empty());
        ASSERT_EQ(fast_error, loop_error) << bytes << " bytes, shape " << shape;
      }
    }
  if (gathered == 0) GTEST_SKIP() << "this CPU has no fast bit gather: only the loop packs here";
}

// Keys whose last field starts in their last byte, or is a byte of one
// value (no bits) after it: unpack must not read past the key (under ASan
// an overread of the exact copy fails the test).
TEST(Packer, UnpackReadsNoByteBeyondTheKey) {
  std::vector<uint16_t> one_bit_last(9, 256), empty_last(10, 256);
  one_bit_last[8] = 2;  // 65 bits: the last field is bit 64, alone in byte 8
  empty_last[9] = 1;    // 72 bits, then a field of no bits at bit 72, past the key
  for (const auto& bounds : {one_bit_last, empty_last}) {
    Packer packer(bounds.size(), bounds);
    ASSERT_EQ(packer.packed_bytes(), 9u);
    std::vector<uint8_t> s(bounds.size(), 0xa5), packed(packer.packed_bytes() + 8), back(bounds.size());
    s[8] = 1;
    if (bounds.size() == 10) s[9] = 0;  // its one value
    packer.pack(s.data(), packed.data());
    const std::vector<uint8_t> exact(packed.begin(), packed.begin() + 9);
    packer.unpack(exact.data(), back.data());
    EXPECT_EQ(s, back);
  }
}

TEST(Packer, UnpacksAWordOfUnboundedBytes) {
  Packer packer(5, {});  // no bounds: packing is a copy
  const uint8_t s[5] = {1, 2, 3, 254, 255};
  uint8_t back[5] = {};
  packer.unpack_word(0xfffe030201ull, back);
  EXPECT_EQ(0, std::memcmp(s, back, 5));
}

TEST(Packer, RejectsAValueBeyondItsBound) {
  Packer packer(3, {4, 2, 256});
  uint8_t good[3] = {3, 1, 255}, bad[3] = {3, 2, 0}, out[16];
  EXPECT_NO_THROW(packer.pack(good, out));
  try {
    packer.pack(bad, out);
    FAIL() << "a value beyond its bound was packed";
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("state byte 1 holds 2, beyond the model's declared bound 2"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(packer.bits(), 2u + 1u + 8u);
  EXPECT_THROW(Packer(3, {4, 2}), std::logic_error);  // one bound per byte
}

// The same sequence of keys, inserted into a table of each slot kind (inline
// key, quotient, number + tag) and into a std::set: the same answers, and
// every id leads back to its key.
// Filled on one thread, read on another after a join, as buckets are
// between steps: streamed or not, 64- or 32-bit, growing or refilled after
// clear(), the reader sees every value in order.
template <class T>
void hand_over(bool streaming) {
  HandoverArray<T> a;
  a.set_streaming(streaming);
  for (size_t n : {size_t{100003}, size_t{5}, size_t{0}, size_t{70000}}) {
    std::thread writer([&] {
      a.clear();
      std::mt19937_64 rng(n);
      for (size_t i = 0; i < n; ++i) a.push_back(static_cast<T>(rng()));
      HandoverArray<T>::publish();
    });
    writer.join();
    a.prefetch();
    ASSERT_EQ(a.size(), n);
    std::mt19937_64 rng(n);
    size_t i = 0;
    for (T v : a) ASSERT_EQ(v, static_cast<T>(rng())) << "value " << i++ << " of " << n;
  }
}

TEST(HandoverArray, TheReaderSeesWhatTheWriterStored) {
  hand_over<uint64_t>(true);
  hand_over<uint64_t>(false);
  hand_over<uint32_t>(true);
  hand_over<uint32_t>(false);
}

TEST(VisitedSet, SlotKindsAgree) {
  struct Case {
    size_t bytes, bits;
    const char* kind;
  };
  for (const Case c : {Case{3, 23, "inline key"}, Case{5, 33, "quotient"}, Case{5, 35, "quotient"},
                       Case{5, 39, "inline key"}, Case{12, 95, "number+tag"}}) {
    VisitedSet compact(c.bytes, c.bits, false), numbered(c.bytes, c.bits, true);
    EXPECT_STREQ(compact.slot_kind(), c.kind);
    std::mt19937_64 rng(7);
    std::set<std::string> seen;
    for (int i = 0; i < 200000; ++i) {
      std::vector<uint8_t> key(c.bytes + 8, 0);
      for (size_t b = 0; b < c.bytes; ++b) key[b] = static_cast<uint8_t>(rng());
      for (size_t bit = c.bits; bit < 8 * c.bytes; ++bit) key[bit / 8] &= static_cast<uint8_t>(~(1u << (bit % 8)));
      if (rng() % 2) key[0] &= 7, key[1] = 0;  // many repeats
      auto a = compact.insert(key.data(), compact.hash(key.data()));
      auto b = numbered.insert(key.data(), numbered.hash(key.data()));
      const bool fresh = seen.insert(std::string(key.begin(), key.begin() + static_cast<long>(c.bytes))).second;
      ASSERT_EQ(a.inserted, fresh) << c.kind << " " << c.bits;
      ASSERT_EQ(b.inserted, fresh);
      if (fresh) {
        ASSERT_TRUE(compact.ops().equal(compact.key(a.id), key.data()));
      }
      ASSERT_TRUE(numbered.ops().equal(numbered.key(b.id), key.data()));
    }
    EXPECT_EQ(compact.size(), seen.size());
    EXPECT_EQ(numbered.size(), seen.size());
  }
}

// The explorer files a key of at most 8 bytes by its hash alone and takes
// the key back from it: for every slot kind's hash, key_of_hash undoes
// hash_word, on keys of every width up to 64 bits.
TEST(VisitedSet, AHashGivesItsKeyBack) {
  std::mt19937_64 rng(20261203);
  for (size_t bits : {1, 23, 31, 32, 33, 34, 35, 39, 63, 64}) {
    const size_t bytes = (bits + 7) / 8;
    for (const bool numbered : {false, true}) {
      VisitedSet set(bytes, bits, numbered);
      const uint64_t mask = bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
      for (uint64_t key : {uint64_t{0}, mask, uint64_t{1}}) ASSERT_EQ(set.key_of_hash(set.hash_word(key)), key & mask);
      for (int i = 0; i < 100000; ++i) {
        const uint64_t key = rng() & mask;
        ASSERT_EQ(set.key_of_hash(set.hash_word(key)), key) << bits << " bits, " << set.slot_kind();
      }
    }
  }
}

std::string fingerprint(const Exploration& e, bool with_memory = true) {
  std::string out = std::to_string(e.stats().states) + "/" + std::to_string(e.stats().transitions) + "/" +
                    std::to_string(e.stats().depth);
  if (with_memory) out += "/" + std::to_string(e.stats().memory_bytes);
  for (const auto& r : e.results()) {
    out += "|" + r.id + ":" + verdict_name(r.verdict) + ":" + r.reason;
    for (size_t k = 0; k < r.states.size(); ++k)
      out += ";" + std::to_string(r.actions[k]) + "=" + std::string(r.states[k].begin(), r.states[k].end());
  }
  return out;
}

// The benchmark model with extra properties that break, so there are traces to compare.
class BenchWithFindings : public bench::MigrationBench {
 public:
  using MigrationBench::MigrationBench;
  std::vector<Property> properties() const override {
    auto props = MigrationBench::properties();
    const int n = devices();
    props.push_back({"no-resuming-beside-error", "", "never a device RESUMING while another is in ERR",
                     PropertyKind::always,
                     [n](StateView s) {
                       bool resuming = false, error = false;
                       for (int i = 0; i < n; ++i) resuming |= s[i] == 6, error |= s[i] == 7;
                       return !(resuming && error);
                     },
                     {}, {}, "", "", ""});
    props.push_back({"all-at-version-2", "", "every device reaches version 2", PropertyKind::reachable,
                     [n](StateView s) {
                       for (int i = 0; i < n; ++i)
                         if (s[n + i] != 2) return false;
                       return true;
                     },
                     {}, {}, "", "", ""});
    props.push_back({"back-to-run", "", "from anywhere the VMM can get back to phase RUN", PropertyKind::recoverable,
                     [n](StateView s) { return s[2 * n] == 0; }, {}, {}, "", "", ""});
    return props;
  }
};

TEST(Threads, AnyThreadCountGivesTheSameExploration) {
  BenchWithFindings model(3, 3);
  std::string one;
  // 3 and 5: several threads take runs and partitions from the same end;
  // kMaxThreads: one run each.
  for (unsigned threads : {1u, 2u, 3u, 5u, Options::kMaxThreads}) {
    Exploration e(model, {}, Options{threads, false});
    e.run();
    ASSERT_TRUE(e.complete());
    EXPECT_EQ(e.stats().states, 40192u);
    EXPECT_GT(e.stats().expand_seconds, 0);
    EXPECT_GT(e.stats().insert_seconds, 0);
    EXPECT_LE(e.stats().expand_seconds + e.stats().insert_seconds, threads * e.stats().seconds);
    if (threads == 1) one = fingerprint(e);
    else EXPECT_EQ(fingerprint(e), one) << threads << " threads";
  }
}

// Placing candidates in table order and numbering the new ones in arrival
// order (inline tables: no stored graph) gives the same exploration, state
// for state and trace for trace, as inserting in arrival order. Only the
// memory may differ: that path makes room for a whole block's candidates
// before placing any, so a table may grow a little earlier.
class BenchWithSafetyFindings : public BenchWithFindings {
 public:
  using BenchWithFindings::BenchWithFindings;
  std::vector<Property> properties() const override {
    auto props = BenchWithFindings::properties();
    props.pop_back();  // back-to-run: a recovery property would store the graph (numbered slots)
    return props;
  }
};

TEST(Threads, TableOrderLookupsChangeNothing) {
  BenchWithSafetyFindings model(3, 3);
  for (unsigned threads : {1u, 2u}) {
    Options plain{threads, false};
    plain.table_order_lookups = false;
    Exploration arrival(model, {}, plain), table(model, {}, Options{threads, false});
    arrival.run();
    table.run();
    ASSERT_TRUE(table.complete());
    EXPECT_TRUE(table.stats().table_order_lookups);
    EXPECT_FALSE(arrival.stats().table_order_lookups);
    EXPECT_EQ(table.stats().states, 40192u);
    EXPECT_EQ(fingerprint(table, false), fingerprint(arrival, false)) << threads << " threads";
    EXPECT_NE(fingerprint(table).find(";"), std::string::npos) << "the findings have traces to compare";
  }
}

// A block is inserted while the next block of its level is expanded. With
// small blocks every level of this model is many blocks, so the overlap is
// exercised (and with it the stored graph's edges, written a block late):
// any block size, with either insertion, gives the same exploration.
TEST(Threads, BlockSizeChangesNothing) {
  for (const bool graph : {true, false}) {
    std::unique_ptr<bench::MigrationBench> model;
    if (graph) model = std::make_unique<BenchWithFindings>(3, 3);  // a recovery property: the graph is kept
    else model = std::make_unique<BenchWithSafetyFindings>(3, 3);
    std::string reference;
    for (uint32_t block : {0u, 61u, 1000u})
      for (unsigned threads : {1u, 2u, 3u})
        for (const bool table_order : {true, false}) {
          Options o{threads, false};
          o.block_states = block;
          o.table_order_lookups = table_order;
          Exploration e(*model, {}, o);
          e.run();
          ASSERT_TRUE(e.complete());
          if (reference.empty()) reference = fingerprint(e, false);
          else ASSERT_EQ(fingerprint(e, false), reference) << block << " states a block, " << threads << " threads";
        }
    EXPECT_NE(reference.find(";"), std::string::npos) << "the findings have traces to compare";
  }
}

// A model that breaks its own declared bounds is reported by run() as an
// error (the CLI's internal error, exit 70), also when a worker thread finds it.
class BreaksItsBounds : public bench::MigrationBench {
 public:
  using MigrationBench::MigrationBench;
  std::vector<uint16_t> value_bounds() const override {
    auto b = MigrationBench::value_bounds();
    for (int i = 0; i < devices(); ++i) b[static_cast<size_t>(devices() + i)] = 2;  // versions 0..1, but MAXV is 3
    return b;
  }
};

TEST(Threads, AModelBeyondItsBoundsIsAnErrorNotACrash) {
  BreaksItsBounds model(3, 3);
  for (unsigned threads : {1u, 2u}) {
    Exploration e(model, {}, Options{threads, false});
    try {
      e.run();
      FAIL() << "a state beyond its bounds was stored";
    } catch (const std::logic_error& err) {
      EXPECT_NE(std::string(err.what()).find("beyond the model's declared bound 2"), std::string::npos) << err.what();
    }
  }
}

TEST(Threads, BadThreadCountsAreRefused) {
  bench::MigrationBench model(2, 3);
  EXPECT_THROW(Exploration(model, {}, Options{0, false}), std::invalid_argument);
  EXPECT_THROW(Exploration(model, {}, Options{Options::kMaxThreads + 1, false}), std::invalid_argument);
}

// Every reachable state of a model by plain BFS, independent of the engine.
std::vector<std::vector<uint8_t>> all_states(const Model& m) {
  std::set<std::vector<uint8_t>> seen;
  std::deque<std::vector<uint8_t>> todo;
  for (auto& s : m.initial_states())
    if (seen.insert(s).second) todo.push_back(s);
  Successors succ;
  succ.state_bytes = m.state_bytes();
  while (!todo.empty()) {
    auto s = todo.front();
    todo.pop_front();
    succ.clear();
    m.successors(s.data(), succ);
    for (size_t k = 0; k < succ.size(); ++k) {
      std::vector<uint8_t> t(succ.state(k), succ.state(k) + succ.state_bytes);
      if (seen.insert(t).second) todo.push_back(t);
    }
  }
  return {seen.begin(), seen.end()};
}

// Exact orbit counts: the reduced exploration stores as many states as the
// full state space has distinct canonical forms, and no more than Rumur's
// scalarset reduction (../shared/bench/README.md).
TEST(Symmetry, StoresExactlyOneStatePerOrbit) {
  const uint64_t rumur[] = {0, 0, 1112, 7792, 43172};
  for (int n = 2; n <= 4; ++n) {
    bench::MigrationBench model(n, 3);
    std::set<std::vector<uint8_t>> orbits;
    for (auto s : all_states(model)) {
      model.canonicalize(s.data());
      orbits.insert(s);
    }
    Exploration e(model, {}, Options{2, true});
    e.run();
    ASSERT_TRUE(e.complete());
    EXPECT_EQ(e.stats().states, orbits.size()) << n << " devices";
    EXPECT_LE(e.stats().states, rumur[n]) << n << " devices";
    EXPECT_EQ(e.results().front().verdict, Verdict::holds);
  }
}

// Under symmetry a counterexample is a path of orbit representatives; the
// explorer maps it back to real states: every step is a transition the
// model offers from the previous real state, and the verdicts and lengths
// equal those of the full exploration.
TEST(Symmetry, TracesReplayAsRealBehaviours) {
  BenchWithFindings model(3, 3);
  Exploration full(model, {}), reduced(model, {}, Options{1, true});
  full.run();
  reduced.run();
  ASSERT_EQ(full.results().size(), reduced.results().size());
  for (size_t i = 0; i < full.results().size(); ++i) {
    const auto& f = full.results()[i];
    const auto& r = reduced.results()[i];
    EXPECT_EQ(f.verdict, r.verdict) << r.id;
    EXPECT_EQ(f.states.size(), r.states.size()) << r.id;
    if (r.states.empty()) continue;
    EXPECT_EQ(r.states.front(), model.initial_states().front()) << r.id;
    Successors succ;
    succ.state_bytes = model.state_bytes();
    for (size_t k = 1; k < r.states.size(); ++k) {
      succ.clear();
      model.successors(r.states[k - 1].data(), succ);
      bool offered = false;
      for (size_t j = 0; j < succ.size() && !offered; ++j)
        offered = succ.actions[j] == r.actions[k] && std::memcmp(succ.state(j), r.states[k].data(), succ.state_bytes) == 0;
      ASSERT_TRUE(offered) << r.id << " step " << k << ": " << model.action_name(r.actions[k]);
    }
  }
  // The findings are real: the invariant breaks and the use case is witnessed.
  EXPECT_EQ(reduced.results()[1].verdict, Verdict::violated);
  EXPECT_EQ(reduced.results()[2].verdict, Verdict::holds);
}

class NoSymmetry : public bench::MigrationBench {
 public:
  using MigrationBench::MigrationBench;
  bool has_symmetry() const override { return false; }
  std::string symmetry_unavailable() const override { return "devices are numbered"; }
};

TEST(Symmetry, RefusedForAModelWithout) {
  NoSymmetry model(2, 3);
  try {
    Exploration e(model, {}, Options{1, true});
    FAIL() << "symmetry accepted for a model without it";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("devices are numbered"), std::string::npos);
  }
}

}  // namespace
}  // namespace migcheck::engine
