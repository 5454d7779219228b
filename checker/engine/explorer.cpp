#include "checker/engine/explorer.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <new>
#include <stdexcept>

#include "checker/engine/action_set.hpp"
#include "checker/engine/handover_array.hpp"
#include "checker/engine/search.hpp"
#include "checker/engine/thread_team.hpp"

namespace migcheck::engine {

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::holds: return "holds";
    case Verdict::violated: return "violated";
    case Verdict::unknown: return "unknown";
    case Verdict::not_expressible: return "not expressible";
    case Verdict::vacuous: return "vacuous";
    case Verdict::not_applicable: return "not applicable";
  }
  return "?";
}

namespace {

constexpr uint32_t kNone = VisitedSet::kNone;
// States expanded per block. Any size gives the same result (see run()); this
// one keeps the per-block buffers in the megabytes and the hand-overs
// between steps few (each costs the slower thread's tail: benchmark N=5,
// two threads, 5.7 s with 4096, 5.5 s with 16384).
constexpr size_t kBlock = 16384;
// Blocks inserted in table order (insert_in_table_order) grow with the
// table, to one expanded state per 512 bytes of a partition's table: with
// about a dozen successors each, spread over 16 partitions, that is some
// six probes per 4 KiB page of the table in each pass, so consecutive
// probes share pages. At benchmark N=6 (128 MiB per partition) a block of
// 16,384 states made about 13,000 probes into each table, fewer than its
// 32,768 pages; measured there, two threads, one run after the other: 171 s
// with 16,384, 136 s with 262,144. A bare loop of sorted reads into sixteen
// 128 MiB tables: 20.7 ns a read in batches of 13,000, 8.1 ns in batches of
// 210,000. The cap bounds the block's buffers (tens of MiB).
constexpr size_t kBytesPerSortedState = 512, kSortedBlockCap = 262144;
// Probes in flight during insertion: prefetching this far ahead hides the
// table's cache misses.
constexpr size_t kAhead = 16;

// A block is cut into kChunks contiguous runs of its states, whatever the
// thread count, and threads take the runs as they come. Each run files its
// successors on its own, and a partition receives the runs' candidates in
// run order, so it receives them in the block's BFS order whoever expanded
// them. (A fixed half of the block per thread left one thread waiting for
// the other at every block: benchmark N=5, two threads, 0.3 s of 2.3 s.)
constexpr uint32_t kChunks = Options::kMaxThreads;

// What one run of a block's states produced.
struct alignas(64) Chunk {  // aligned: chunks written by different threads must not share cache lines
  // Successor by successor, in the order the model gave them (index below).
  // Keys of at most 8 bytes travel in the buckets alone; wider keys, and
  // the stored states the properties are judged on, are kept here.
  std::vector<uint8_t> keys;      // packed keys, key_stride each (wider keys only)
  std::vector<uint8_t> states;    // stored (canonical) states (wider keys only)
  std::vector<uint32_t> target;   // the ids they are stored as, written by insertion (kept graphs only)
  std::vector<uint32_t> fanout;   // per expanded state: its number of successors
  // Successors by partition, so that insertion reads each bucket front to
  // back: their hashes (a key of at most 8 bytes is given back by its
  // hash, VisitedSet::key_of_hash, so insertion never hashes it again);
  // and, for wider keys or a kept graph, the successor's index (above).
  // Insertion only reads them: a line written back by the other core would
  // have to travel back when the run is next expanded into. With more than
  // one thread they are written with streaming stores (HandoverArray).
  std::array<HandoverArray<uint64_t>, VisitedSet::kPartitions> bucket;
  std::array<HandoverArray<uint32_t>, VisitedSet::kPartitions> origin;
};

// Hands out 0..n-1 once each: even-numbered threads take from the front,
// odd-numbered ones from the back. With two threads each keeps to its own
// end of a block's runs and of the partitions until they meet, so the keys
// a thread appends to a partition are mostly the ones it expands later
// (on the 2-core VM a cache line takes some 240 ns to move from one core
// to the other, a ping-pong measured at 455-506 ns a round trip: more than
// a read from memory).
class TwoEndedClaims {
 public:
  explicit TwoEndedClaims(uint32_t n) : range_(uint64_t{n} << 32) {}
  bool take(unsigned thread, uint32_t& claimed) {
    const bool front = thread % 2 == 0;
    uint64_t r = range_.load(std::memory_order_relaxed);
    for (;;) {
      const uint32_t lo = static_cast<uint32_t>(r), hi = static_cast<uint32_t>(r >> 32);
      if (lo >= hi) return false;
      const uint64_t next = front ? r + 1 : r - (uint64_t{1} << 32);
      if (range_.compare_exchange_weak(r, next, std::memory_order_relaxed)) {
        claimed = front ? lo : hi - 1;
        return true;
      }
    }
  }

 private:
  std::atomic<uint64_t> range_;  // the claims left: [low 32 bits, high 32 bits)
};

// Insertion of one partition's candidates from every run, for inline
// tables (slots that hold the keys, not their numbers), in table order: at
// benchmark N=6 the tables are 2 GiB, and probing them in the order the
// candidates arrive missed the TLB on nearly every probe. The candidates
// are sorted by the table region their probe starts in (a stable counting
// sort), each key is placed in its slot in that order, and the keys placed
// are then numbered in arrival order. The set ends up with the same keys,
// numbered the same, as inserting one candidate after the other in arrival
// order: equal keys share a region and keep their arrival order within it,
// so the first of them to arrive is the one placed, and a key's number
// depends only on the order of the new keys, not on where its slot is. The
// sorted copy holds each key's hash with its arrival position (16 bytes),
// and the keys placed are marked in a bitmap that stays in the first-level
// cache, so numbering visits only the new keys (about one candidate in
// twelve at N=6).
struct alignas(64) TableOrderScratch {
  struct Probe {
    uint64_t hash;     // the key's (VisitedSet::hash_word, which gives the key back)
    uint32_t arrival;  // the candidate's position in arrival order
  };
  std::vector<uint16_t> region;  // per arrival position: the region its probe starts in
  std::vector<Probe> by_region;  // the partition's candidates in region order
  std::vector<uint64_t> placed;  // bit per arrival position: its key is new and was placed
  std::vector<uint32_t> first;   // per region: where its probes start in by_region
};
constexpr unsigned kRegionBits = 12;  // 4,096 regions: at N=6 one region of a 128 MiB partition table is 32 KiB
static_assert(kRegionBits <= 16, "regions are kept in 16 bits");

/// Calls on_new(key, id) for each new state, in numbering order. False if
/// the partition cannot take the block's candidates (then none is inserted).
template <class OnNew>
bool insert_in_table_order(VisitedSet& set, const std::vector<Chunk>& chunks, uint32_t p, TableOrderScratch& s, OnNew&& on_new) {
  size_t n = 0;
  for (const Chunk& c : chunks) n += c.bucket[p].size();
  if (!set.reserve(p, n)) return false;  // regions below are of the table as grown here
  s.region.resize(n);
  s.first.assign((size_t{1} << kRegionBits) + 1, 0);
  size_t i = 0;
  for (size_t run = 0; run < chunks.size(); ++run) {
    // Buckets come from memory when streamed (HandoverArray): the next is
    // fetched while this one is read (benchmark N=5, two threads: insertion
    // 4.1 busy thread-seconds without, 3.75 with).
    if (run + 1 < chunks.size()) chunks[run + 1].bucket[p].prefetch();
    for (uint64_t hash : chunks[run].bucket[p]) {
      const uint32_t r = set.region(hash, kRegionBits);
      s.region[i++] = static_cast<uint16_t>(r);
      ++s.first[r + 1];
    }
  }
  for (size_t r = 1; r < s.first.size(); ++r) s.first[r] += s.first[r - 1];
  s.by_region.resize(n);
  i = 0;
  for (const Chunk& c : chunks)
    for (uint64_t hash : c.bucket[p]) {
      s.by_region[s.first[s.region[i]]++] = {hash, static_cast<uint32_t>(i)};
      ++i;
    }
  s.placed.assign((n + 63) / 64, 0);
  for (size_t j = 0; j < std::min(kAhead, n); ++j) set.prefetch(s.by_region[j].hash);
  for (size_t j = 0; j < n; ++j) {
    if (j + kAhead < n) set.prefetch(s.by_region[j + kAhead].hash);
    const auto& q = s.by_region[j];
    if (set.place(q.hash)) s.placed[q.arrival / 64] |= uint64_t{1} << (q.arrival % 64);
  }
  size_t run = 0, base = 0;  // the run that arrival position `at` came from, and where its candidates begin
  for (size_t w = 0; w < s.placed.size(); ++w)
    for (uint64_t bits = s.placed[w]; bits; bits &= bits - 1) {
      const size_t at = w * 64 + static_cast<size_t>(__builtin_ctzll(bits));
      while (at >= base + chunks[run].bucket[p].size()) base += chunks[run++].bucket[p].size();
      const uint64_t key = set.key_of_hash(chunks[run].bucket[p][at - base]);
      on_new(key, set.append_word(p, key));
    }
  return true;
}

// One thread's scratch and tallies.
struct alignas(64) Worker {  // aligned: workers must not share cache lines
  Successors succ;                // one state's successors at a time
  std::vector<uint8_t> state;     // the state being expanded, or a new state being judged
  TableOrderScratch table_order;
  uint64_t transitions = 0;
  double expand_seconds = 0, insert_seconds = 0;
  ActionSet seen, nominal_seen;   // coverage: actions taken, and taken from nominal states
};

}  // namespace

Exploration::Exploration(const Model& model, Limits limits, Options options)
    : model_(model), limits_(limits), options_(options), props_(model.properties()) {
  // Each premise is decided as a use case of its own ("is the situation
  // reachable?"), appended after the model's properties and folded back
  // into their verdicts at the end of run().
  asked_ = props_.size();
  premise_of_.assign(asked_, SIZE_MAX);
  for (size_t i = 0; i < asked_; ++i) {
    const Property& p = props_[i];
    if (!p.not_expressible.empty() || !p.not_applicable.empty()) continue;
    auto situation = p.kind == PropertyKind::recoverable ? p.scope : p.premise;
    if (!situation) continue;
    premise_of_[i] = props_.size();
    props_.push_back({p.id + "#premise", p.id + "#premise", p.premise_text, PropertyKind::reachable, situation, {}, {}, "", "", ""});
  }
  if (options.threads < 1 || options.threads > Options::kMaxThreads)
    throw std::invalid_argument("threads must be 1.." + std::to_string(Options::kMaxThreads));
  if (options.symmetry && !model.has_symmetry())
    throw std::invalid_argument("symmetry reduction is not available for this model: " + model.symmetry_unavailable());
  bool recoverable = false;  // recovery properties are decided on the stored graph
  for (const auto& p : props_)
    recoverable |= p.kind == PropertyKind::recoverable && p.not_expressible.empty() && p.not_applicable.empty();
  search_ = std::make_unique<Search>(model, options, recoverable);
}

Exploration::~Exploration() = default;

void Exploration::run() {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  Search& s = *search_;
  VisitedSet& set = s.set;
  const size_t bytes = s.packer.state_bytes();
  const size_t key_stride = s.key_stride();
  const unsigned threads = options_.threads;
  const bool word_keys = s.packer.packed_bytes() <= 8;

  results_.assign(props_.size(), {});
  std::vector<bool> open(props_.size(), false);  // still being decided during the search
  for (size_t i = 0; i < props_.size(); ++i) {
    results_[i].id = props_[i].id;
    if (!props_[i].not_expressible.empty()) {
      results_[i].verdict = Verdict::not_expressible;
      results_[i].reason = props_[i].not_expressible;
      continue;
    }
    if (!props_[i].not_applicable.empty()) {
      results_[i].verdict = Verdict::not_applicable;
      results_[i].reason = props_[i].not_applicable;
      continue;
    }
    open[i] = props_[i].kind != PropertyKind::recoverable;
  }
  // A state decides an open property when it breaks an invariant or
  // witnesses a use case. Per level, the first such state in BFS order wins
  // (first[i][p]: the first in partition p, which only the thread inserting
  // into p writes during a block).
  std::vector<Search::Counts> first(props_.size());
  std::vector<uint32_t> decided_at(props_.size(), kNone);  // the state that decided it
  auto decides = [&](size_t i, const uint8_t* state) {
    const bool sat = props_[i].predicate(state);
    return props_[i].kind == PropertyKind::always ? !sat : sat;
  };
  std::vector<Worker> workers(threads);
  for (auto& w : workers) {
    w.succ.state_bytes = bytes;
    w.state.resize(bytes);
  }
  bool any_open = true;
  auto settle_level = [&] {
    for (size_t i = 0; i < props_.size(); ++i) {
      if (!open[i]) continue;
      for (uint32_t id : first[i])
        if (id != kNone) {
          results_[i].verdict = props_[i].kind == PropertyKind::always ? Verdict::violated : Verdict::holds;
          decided_at[i] = id;
          open[i] = false;
          break;
        }
      first[i].fill(kNone);
    }
    any_open = std::find(open.begin(), open.end(), true) != open.end();
  };
  for (auto& f : first) f.fill(kNone);

  Search::Counts counts{};
  auto snapshot = [&] {
    for (uint32_t p = 0; p < VisitedSet::kPartitions; ++p) counts[p] = set.count(p);
    return counts;
  };

  // Level 0: the initial states.
  s.levels.push_back(snapshot());
  {
    std::vector<uint8_t> state, key(key_stride);
    for (const auto& init : model_.initial_states()) {
      state = init;
      s.to_key(state.data(), key.data());
      auto r = set.insert(key.data(), set.hash(key.data()));
      if (!r.inserted) continue;
      for (size_t i = 0; i < props_.size(); ++i)
        if (open[i] && first[i][VisitedSet::partition_of_id(r.id)] == kNone && decides(i, state.data()))
          first[i][VisitedSet::partition_of_id(r.id)] = r.id;
    }
    settle_level();
  }

  ThreadTeam team(threads);
  // Two sets of runs: while one block's successors are inserted from one
  // set, the next block of the level is expanded into the other (below).
  std::array<std::vector<Chunk>, 2> sets{std::vector<Chunk>(kChunks), std::vector<Chunk>(kChunks)};
  for (auto& set_of_runs : sets)
    for (Chunk& c : set_of_runs) {
      for (auto& b : c.bucket) b.set_streaming(threads > 1);
      for (auto& o : c.origin) o.set_streaming(threads > 1);
    }
  const bool sorted_lookups = options_.table_order_lookups && word_keys && set.inline_slots();
  stats_.table_order_lookups = sorted_lookups;
  // Each block is inserted as soon as it is expanded, without overlap,
  // when one thread does all the work (the block's successors are then
  // still in the cache: benchmark N=5, one thread, 6.5 s against 6.8 s
  // overlapped), and under a state limit, which stops the search after
  // the block that reaches it, cut to the states left.
  const bool overlap = threads > 1 && limits_.max_states == 0;
  const bool need_origin = !word_keys || s.keep_edges;
  std::vector<uint32_t> block;
  std::atomic<bool> full{false};
  uint64_t next_progress = 1u << 18;

  // Successors of the block's states lo..hi-1, packed, hashed and filed by
  // partition as they come.
  auto expand = [&](Worker& w, Chunk& out, size_t lo, size_t hi) {
    out.keys.clear();
    out.states.clear();
    out.fanout.clear();
    for (auto& b : out.bucket) b.clear();
    for (auto& o : out.origin) o.clear();
    uint32_t index = 0;
    alignas(8) uint8_t word_key[16];  // key_stride bytes when keys fit in a word
    for (size_t b = lo; b < hi; ++b) {
      // The keys of a run lie in order in their partitions' arrays; the
      // prefetch hides the reads' latency when another core appended them.
      if (b + kAhead < hi) __builtin_prefetch(set.key(block[b + kAhead]));
      // unpack() reads the key's bytes only: the next key of the partition
      // may be being appended by the thread inserting the previous block.
      s.packer.unpack(set.key(block[b]), w.state.data());
      w.succ.clear();
      model_.successors(w.state.data(), w.succ);
      const size_t n = w.succ.size();
      out.fanout.push_back(static_cast<uint32_t>(n));
      w.transitions += n;
      if (options_.coverage) {
        const bool nominal = model_.nominal(w.state.data());
        for (uint32_t a : w.succ.actions) {
          w.seen.insert(a);
          if (nominal) w.nominal_seen.insert(a);
        }
      }
      for (size_t k = 0; k < n; ++k, ++index) {
        uint8_t* state = w.succ.states.data() + k * bytes;
        uint8_t* key = word_key;
        if (!word_keys) {
          out.keys.resize(out.keys.size() + key_stride);
          key = out.keys.data() + out.keys.size() - key_stride;
        }
        s.to_key(state, key);  // canonicalises `state` under symmetry
        if (!word_keys) out.states.insert(out.states.end(), state, state + bytes);
        const uint64_t h = set.hash(key);
        const uint32_t p = VisitedSet::partition_of(h);
        out.bucket[p].push_back(h);
        if (need_origin) out.origin[p].push_back(index);
      }
    }
    if (s.keep_edges) out.target.assign(index, kNone);
    HandoverArray<uint64_t>::publish();
  };

  // Insertion of partition p's successors from every run, in run order, so
  // a partition's contents and numbering never depend on the thread count,
  // nor on which thread takes it. The thread that inserts a new state
  // judges it against the open properties: states enter a partition in id
  // order, so the first that decides one is the partition's first. For a
  // kept graph it also writes each successor's id where the run keeps it.
  // False if the partition is full.
  auto judge = [&](uint32_t p, uint32_t id, const uint8_t* state) {
    for (size_t i = 0; i < props_.size(); ++i)
      if (open[i] && first[i][p] == kNone && decides(i, state)) first[i][p] = id;
  };
  auto insert = [&](Worker& w, std::vector<Chunk>& chunks, uint32_t p) {
    if (sorted_lookups)
      return insert_in_table_order(set, chunks, p, w.table_order, [&](uint64_t key, uint32_t id) {
        if (!any_open) return;
        s.packer.unpack_word(key, w.state.data());
        judge(p, id, w.state.data());
      });
    for (size_t run = 0; run < chunks.size(); ++run) {
      Chunk& c = chunks[run];
      if (run + 1 < chunks.size()) {  // as in insert_in_table_order
        chunks[run + 1].bucket[p].prefetch();
        if (need_origin) chunks[run + 1].origin[p].prefetch();
      }
      const auto& b = c.bucket[p];
      for (size_t j = 0; j < std::min(kAhead, b.size()); ++j) set.prefetch(b[j]);
      for (size_t j = 0; j < b.size(); ++j) {
        if (j + kAhead < b.size()) set.prefetch(b[j + kAhead]);
        const uint32_t index = need_origin ? c.origin[p][j] : 0;
        const uint64_t key = word_keys ? set.key_of_hash(b[j]) : 0;
        const auto r = word_keys ? set.insert_word(key, b[j])
                                 : set.insert(c.keys.data() + size_t{index} * key_stride, b[j]);
        if (r.full) return false;
        if (s.keep_edges) c.target[index] = r.id;
        if (!r.inserted || !any_open) continue;
        if (word_keys) s.packer.unpack_word(key, w.state.data());
        judge(p, r.id, word_keys ? w.state.data() : c.states.data() + size_t{index} * bytes);
      }
    }
    return true;
  };

  // One step, run by the whole team: inserting the block expanded last
  // (if any), then expanding the next one (if any). A thread that runs out
  // of partitions to insert goes on to the next block's runs instead of
  // waiting for the others (a partition is a sixteenth of the insertion: a
  // wait of half of one per block was some 3% of the search), so the only
  // wait is for the last run. Threads take partitions and runs as they
  // finish the last, even-numbered ones from the front and odd-numbered
  // ones from the back: with two threads each keeps to its end, so the
  // states a thread expands are mostly ones it inserted. (One thread
  // inserting while the other expanded mixed memory-bound work with
  // computing, but each then read what the other had written: benchmark
  // N=6, 107.5 s against 98.0 s.) The next block reads only the keys of
  // the level being expanded, never those being inserted, and a
  // partition's key list never moves (see VisitedSet).
  auto step = [&](std::vector<Chunk>* inserting, std::vector<Chunk>* expanding) {
    TwoEndedClaims partitions(inserting ? VisitedSet::kPartitions : 0), runs(expanding ? kChunks : 0);
    team.run([&](unsigned t) {
      Worker& w = workers[t];
      auto started = clock::now();
      for (uint32_t p; partitions.take(t, p);) {
        if (!insert(w, *inserting, p)) {
          full = true;
          return;
        }
      }
      auto now = clock::now();
      w.insert_seconds += std::chrono::duration<double>(now - started).count();
      started = now;
      for (uint32_t c; runs.take(t, c);)
        expand(w, (*expanding)[c], block.size() * c / kChunks, block.size() * (c + 1) / kChunks);
      w.expand_seconds += std::chrono::duration<double>(clock::now() - started).count();
    });
  };
  auto store_edges = [&](const std::vector<Chunk>& chunks) {
    for (const Chunk& c : chunks) {
      size_t k = 0;
      for (uint32_t f : c.fanout) {
        s.edge_begin.push_back(static_cast<uint32_t>(s.edge_to.size()));
        for (uint32_t e = 0; e < f; ++e, ++k) s.edge_to.push_back(c.target[k]);
      }
    }
    if (s.edge_to.size() > 0xfffffff0u)
      stop_reason_ = "the stored graph exceeds 2^32 transitions: beyond this engine's limits";
  };

  try {
  for (size_t level = 0;; ++level) {
    s.levels.push_back(snapshot());  // where level + 1 begins
    if (s.level_base(level + 1) == s.level_base(level)) break;  // level is empty: done
    stats_.depth = static_cast<uint32_t>(level);
    uint32_t part = 0, number = s.levels[level][0];
    std::vector<Chunk>* pending = nullptr;  // a block expanded, not yet inserted
    size_t next_set = 0;
    for (;;) {
      // Limits are checked between steps; a block expanded but not
      // inserted when the search stops is dropped.
      stats_.memory_bytes = s.memory();
      const double elapsed = std::chrono::duration<double>(clock::now() - start).count();
      const uint64_t stored = set.size();
      if (full)
        stop_reason_ = "a partition of the visited set is full (" + std::to_string(VisitedSet::kMaxPerPartition) +
                       " states): the state space is beyond this engine's limits";
      else if (limits_.max_states && stored >= limits_.max_states)
        stop_reason_ = "--max-states " + std::to_string(limits_.max_states) + " reached";
      else if (limits_.max_memory_bytes && stats_.memory_bytes >= limits_.max_memory_bytes)
        stop_reason_ = "--max-memory " + std::to_string(limits_.max_memory_bytes) + " bytes reached";
      else if (limits_.time_limit_seconds > 0 && elapsed >= limits_.time_limit_seconds)
        stop_reason_ = "--time-limit " + std::to_string(limits_.time_limit_seconds) + " s reached";
      else if (interrupted())
        stop_reason_ = "interrupted by a signal";
      if (!stop_reason_.empty()) break;
      if (progress_ && stored >= next_progress) {
        progress_(stored, elapsed);
        next_progress = stored + (1u << 18);
      }

      // The next block: up to kBlock states of this level in BFS order (fewer
      // near a state limit). Block boundaries never change the result: each
      // partition receives its keys in BFS order of their sources whatever
      // the cut, and property decisions are settled per level. (The sizes
      // are chosen from what is inserted so far, before the pending block:
      // the same for any thread count.)
      size_t want = kBlock;
      if (options_.block_states) want = options_.block_states;
      else if (sorted_lookups)
        want = std::clamp<size_t>(set.table_bytes() / VisitedSet::kPartitions / kBytesPerSortedState, kBlock, kSortedBlockCap);
      if (limits_.max_states) want = std::min<uint64_t>(want, std::max<uint64_t>(1, limits_.max_states - stored));
      block.clear();
      while (block.size() < want && part < VisitedSet::kPartitions) {
        if (number < s.levels[level + 1][part]) {
          block.push_back(VisitedSet::id(part, number++));
        } else if (++part < VisitedSet::kPartitions) {
          number = s.levels[level][part];
        }
      }
      if (block.empty() && !pending) break;  // the level is done

      std::vector<Chunk>* expanding = block.empty() ? nullptr : &sets[next_set];
      step(pending, expanding);
      if (full) continue;  // reported at the top of the loop
      if (pending && s.keep_edges) store_edges(*pending);
      pending = expanding;
      next_set ^= 1;
      if (pending && !overlap) {
        step(pending, nullptr);
        if (full) continue;
        if (s.keep_edges) store_edges(*pending);
        pending = nullptr;
      }
    }
    if (!stop_reason_.empty()) {
      complete_ = false;
      s.levels.push_back(snapshot());  // the partial level ends here
      break;
    }
    settle_level();
  }
  } catch (const std::bad_alloc&) {
    // Out of memory in the middle of a block: the levels settled so far are
    // intact (append-only); the block is dropped and the run reports them.
    complete_ = false;
    stop_reason_ = "out of memory after " + std::to_string(set.size()) + " states";
    out_of_memory_ = true;
    try {
      s.levels.push_back(snapshot());  // the partial level ends here
    } catch (const std::bad_alloc&) {
    }
  }
  settle_level();  // a stopped search still reports what its last, partial level showed

  // States never expanded (a stopped search) get empty runs. Out of memory
  // here, the run is reported as such: the recovery analysis, the only
  // reader of those runs, is then skipped, and the traces read the runs of
  // expanded states only, which need the one entry after the last of them.
  bool graph_readable = true;
  if (s.keep_edges) {
    const uint64_t n = set.size(), expanded = s.edge_begin.size();
    try {
      while (s.edge_begin.size() <= n) s.edge_begin.push_back(static_cast<uint32_t>(s.edge_to.size()));
    } catch (const std::bad_alloc&) {
      graph_readable = s.edge_begin.size() > expanded;
      complete_ = false;
      out_of_memory_ = true;
      if (stop_reason_.empty()) stop_reason_ = "out of memory after " + std::to_string(n) + " states";
    }
  }
  for (const auto& w : workers) {
    stats_.transitions += w.transitions;
    stats_.expand_seconds += w.expand_seconds;
    stats_.insert_seconds += w.insert_seconds;
  }
  stats_.states = set.size();
  stats_.memory_bytes = s.memory();
  stats_.state_bits = s.packer.bits();
  stats_.seconds = std::chrono::duration<double>(clock::now() - start).count();

  // Verdicts, then the traces that show them.
  const auto analysis_start = clock::now();
  if (progress_) progress_(0, stats_.seconds);
  std::vector<uint32_t> targets;
  std::vector<size_t> owner;
  for (size_t i = 0; i < props_.size(); ++i) {
    if (decided_at[i] != kNone) {
      targets.push_back(decided_at[i]);
      owner.push_back(i);
      continue;
    }
    if (!open[i]) continue;
    if (!complete_) {
      results_[i].verdict = Verdict::unknown;
      results_[i].reason = "exploration stopped: " + stop_reason_;
    } else if (props_[i].kind == PropertyKind::always) {
      results_[i].verdict = Verdict::holds;
    } else {
      results_[i].verdict = Verdict::violated;
      results_[i].reason = "no reachable state satisfies it";
    }
  }
  try {
    if (!graph_readable) throw std::bad_alloc();
    const auto chains = s.chains_to(targets);
    for (size_t k = 0; k < chains.size(); ++k) s.concretise(chains[k], results_[owner[k]]);
  } catch (const std::bad_alloc&) {
    for (size_t k = 0; k < targets.size(); ++k)
      results_[owner[k]].reason = "the counterexample could not be rebuilt: out of memory";
    out_of_memory_ = true;
  }
  analyse_recovery();

  if (options_.coverage) {
    ActionSet all, nominal;
    for (const auto& w : workers) {
      for (uint32_t a : w.seen.sorted()) all.insert(a);
      for (uint32_t a : w.nominal_seen.sorted()) nominal.insert(a);
    }
    actions_seen_ = all.sorted();
    nominal_actions_seen_ = nominal.sorted();
  }
  fold_premises();
  stats_.analysis_seconds = std::chrono::duration<double>(clock::now() - analysis_start).count();
}

// Recovery properties need the stored graph walked backwards; that costs
// memory beyond the search's (positions, reverse edges, reachability bits),
// which --max-memory bounds too, and time, which a signal interrupts.
void Exploration::analyse_recovery() {
  Search& s = *search_;
  std::string why;
  const uint64_t n = stats_.states, e = s.edge_to.size();
  const uint64_t needed = 28 * n + 8 * e;  // order, positions, discovery, offsets, good and scope bits; edges and reverse edges
  if (interrupted()) why = "interrupted by a signal before the analysis after the search";
  else if (out_of_memory_) why = "out of memory";
  else if (limits_.max_memory_bytes && stats_.memory_bytes + needed > limits_.max_memory_bytes)
    why = "the analysis after the search needs about " + std::to_string(needed >> 20) + " MiB more, beyond --max-memory";
  if (why.empty()) {
    try {
      decide_recoverable(s, props_, results_, complete_, stop_reason_);
      return;
    } catch (const std::bad_alloc&) {
      why = "out of memory during the analysis after the search";
      out_of_memory_ = true;
    }
  }
  complete_ = false;
  if (stop_reason_.empty()) stop_reason_ = why;
  for (size_t i = 0; i < props_.size(); ++i)
    if (props_[i].kind == PropertyKind::recoverable && props_[i].not_expressible.empty() &&
        props_[i].not_applicable.empty()) {
      results_[i].verdict = Verdict::unknown;
      results_[i].reason = why;
      results_[i].states.clear();
      results_[i].actions.clear();
    }
}

// A verdict means what it says: a property that holds only because its
// situation never occurred is vacuous.
void Exploration::fold_premises() {
  for (size_t i = 0; i < asked_; ++i) {
    if (premise_of_[i] == SIZE_MAX) continue;
    const PropertyResult& premise = results_[premise_of_[i]];
    PropertyResult& r = results_[i];
    if (premise.verdict == Verdict::holds) r.premise_reached = 1;
    else if (premise.verdict == Verdict::violated) r.premise_reached = 0;  // complete, never reached
    if (r.premise_reached == 0 && r.verdict == Verdict::holds) {
      r.verdict = Verdict::vacuous;
      r.reason = "its situation never occurs: " + props_[i].premise_text;
    }
  }
  results_.resize(asked_);
  props_.resize(asked_);
}

}  // namespace migcheck::engine
