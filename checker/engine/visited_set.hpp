#pragma once
// The visited states: packed keys split by hash into 16 partitions. Each
// partition has an append-only key array (a state's number in its
// partition is its position there, in insertion order) and an
// open-addressing table. A table slot holds either
//  - the key itself (keys of at most 31 or 63 bits): a probe never leaves
//    the table, so one cache miss per lookup, and it can be prefetched;
//  - for keys of 32 to 35 bits, a 32-bit quotient: the key goes through a
//    bijection of its own width, the top 4 bits of the result choose the
//    partition, and the slot keeps the other bits (a quotient table: the
//    partition supplies what the slot leaves out); or
//  - 28 bits of number and 4 bits of hash tag (wider keys, or when the
//    caller needs the number of a state it finds again, to store the graph):
//    the key array is read only when the tags agree.
// Partitions are independent: threads insert into disjoint partitions
// without locks, one partition grows at a time, and a partition's order
// depends only on the order its keys arrive in, never on the thread count.
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "checker/engine/zeroed_array.hpp"

namespace migcheck::engine {

/// Equality and hashing of packed keys of a fixed size. Keys are readable 8
/// bytes past their start (every buffer keeps that slack).
class KeyOps {
 public:
  explicit KeyOps(size_t bytes) : bytes_(bytes), mask_(low_bytes(bytes)), tail_mask_(low_bytes(bytes > 8 ? bytes - 8 : 0)) {}
  size_t bytes() const { return bytes_; }
  /// Keys of at most 8 bytes as one integer.
  uint64_t word(const uint8_t* k) const { return load(k) & mask_; }
  bool equal(const uint8_t* a, const uint8_t* b) const {
    if (bytes_ <= 8) return ((load(a) ^ load(b)) & mask_) == 0;
    if (bytes_ <= 16) return load(a) == load(b) && ((load(a + 8) ^ load(b + 8)) & tail_mask_) == 0;
    return std::memcmp(a, b, bytes_) == 0;
  }
  /// hash() of a key of at most 8 bytes given as word().
  static uint64_t hash_word(uint64_t w) { return mix(w + 0x9e3779b97f4a7c15ull); }
  /// The word whose hash_word() is h (the hash is a bijection of words).
  static uint64_t unhash_word(uint64_t h) { return unmix(h) - 0x9e3779b97f4a7c15ull; }
  uint64_t hash(const uint8_t* k) const {
    if (bytes_ <= 8) return hash_word(word(k));
    uint64_t h = 0x9e3779b97f4a7c15ull;
    size_t i = 0;
    for (; i + 8 <= bytes_; i += 8) h = mix(h ^ load(k + i));
    if (i < bytes_) h = mix(h ^ (load(k + i) & ((uint64_t{1} << (8 * (bytes_ - i))) - 1)));
    return mix(h ^ bytes_);
  }

 private:
  size_t bytes_;
  uint64_t mask_, tail_mask_;  // the key's bytes in its first and second word
  static uint64_t low_bytes(size_t n) { return n >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * n)) - 1; }
  static uint64_t load(const uint8_t* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  }
  static uint64_t mix(uint64_t x) {  // splitmix64's finaliser: a bijection, so inline keys never collide
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
  }
  static uint64_t unmix(uint64_t x) {  // mix() backwards: x ^= x >> s undone by x ^= x >> s ^ x >> 2s (3s >= 64),
    x ^= x >> 31 ^ x >> 62;            // a product by the multiplier's inverse modulo 2^64
    x *= 0x319642b2d24d8ec3ull;
    x ^= x >> 27 ^ x >> 54;
    x *= 0x96de1b173f119089ull;
    return x ^ x >> 30 ^ x >> 60;
  }
};

class VisitedSet {
 public:
  static constexpr unsigned kPartitionBits = 4, kNumberBits = 28;
  static constexpr uint32_t kPartitions = 1u << kPartitionBits;
  static constexpr uint32_t kMaxPerPartition = (1u << kNumberBits) - 2;

  /// key_bits: the packed keys' significant bits; numbered: slots must give
  /// the number of a state found again (Insert::id is then always valid).
  VisitedSet(size_t key_bytes, size_t key_bits, bool numbered)
      : ops_(key_bytes),
        mode_(numbered || key_bits > 63             ? Mode::numbered
              : key_bits <= 31                      ? Mode::inline32
              : key_bits <= 32 + kPartitionBits - 1 ? Mode::quotient32
                                                    : Mode::inline64),
        bits_(key_bits),
        qmask_(key_bits >= 64 ? ~uint64_t{0} : (uint64_t{1} << key_bits) - 1),
        parts_(kPartitions) {
    for (auto& p : parts_) {
      // Room for every chunk a partition can have: appending never moves
      // the list, so one thread may read a partition's keys while another
      // appends to it (the explorer expands a block while it inserts the
      // previous one).
      p.chunks.reserve((kMaxPerPartition >> kChunkBits) + 1);
      if (mode_ == Mode::inline64) p.wide = ZeroedArray<uint64_t>(kInitialSlots);
      else p.narrow = ZeroedArray<uint32_t>(kInitialSlots);
    }
  }
  const KeyOps& ops() const { return ops_; }
  const char* slot_kind() const {
    return mode_ == Mode::numbered ? "number+tag" : mode_ == Mode::quotient32 ? "quotient" : "inline key";
  }
  /// The hash the set files a key under (KeyOps::hash, or the quotient
  /// table's bijection); hash_word() for keys of at most 8 bytes as a word.
  uint64_t hash(const uint8_t* key) const { return mode_ == Mode::quotient32 ? hash_word(ops_.word(key)) : ops_.hash(key); }
  uint64_t hash_word(uint64_t w) const {
    if (mode_ != Mode::quotient32) return KeyOps::hash_word(w);
    return spread(permute(w));
  }
  /// The key of at most 8 bytes (as a word) that hash_word() files under
  /// `hash`: both hashes are bijections, so a hash can stand for its key.
  uint64_t key_of_hash(uint64_t hash) const {
    if (mode_ != Mode::quotient32) return KeyOps::unhash_word(hash);
    return unpermute(hash >> (64 - bits_));  // spread() put the permuted key on top
  }

  static uint32_t partition_of(uint64_t hash) { return static_cast<uint32_t>(hash >> (64 - kPartitionBits)); }
  /// A state's id: partition in the top bits, number within the partition below.
  static uint32_t id(uint32_t partition, uint32_t number) { return partition << kNumberBits | number; }
  static uint32_t partition_of_id(uint32_t id) { return id >> kNumberBits; }
  static uint32_t number_of_id(uint32_t id) { return id & kNumberMask; }
  static constexpr uint32_t kNone = ~0u;

  /// Hints the cache that `hash` will be probed soon. Always inlined: GCC
  /// otherwise deems a function made only of prefetches free of effects
  /// and deletes the calls.
  __attribute__((always_inline)) void prefetch(uint64_t hash) const {
    const Part& p = parts_[partition_of(hash)];
    if (mode_ == Mode::inline64) __builtin_prefetch(p.wide.begin() + (hash & (p.wide.size() - 1)));
    else __builtin_prefetch(p.narrow.begin() + (hash & (p.narrow.size() - 1)));
  }

  /// Tables that hold keys (or quotients) inline: a lookup reads one slot run only.
  bool inline_slots() const { return mode_ != Mode::numbered; }
  /// Which of 2^bits equal regions of its partition's table a probe for
  /// `hash` starts in: lookups sorted by region walk the table in address order.
  uint32_t region(uint64_t hash, unsigned bits) const {
    const Part& p = parts_[partition_of(hash)];
    const size_t n = mode_ == Mode::inline64 ? p.wide.size() : p.narrow.size();
    const unsigned lg = static_cast<unsigned>(__builtin_ctzll(n));
    const size_t slot = hash & (n - 1);
    return static_cast<uint32_t>(lg > bits ? slot >> (lg - bits) : slot);
  }
  /// For inline tables (inline_slots()), insertion in two steps, so that
  /// a batch can fill slots in table order and number its new keys in
  /// arrival order: reserve() room for `extra` more keys in a partition,
  /// place() keys in any order, then append_word() each key
  /// place() placed, in the order the keys must be numbered in. Between
  /// reserve() and the last append_word() the partition's table must not
  /// grow, so nothing else may be inserted into it. False if the partition
  /// cannot take `extra` more keys.
  bool reserve(uint32_t partition, size_t extra) {
    Part& p = parts_[partition];
    if (p.count + extra > kMaxPerPartition) return false;
    if (mode_ == Mode::inline64)
      while ((p.count + extra) * 4 > p.wide.size() * 3) grow_inline(p.wide, partition);
    else
      while ((p.count + extra) * 4 > p.narrow.size() * 3) grow_inline(p.narrow, partition);
    return true;
  }
  /// Fills the slot of the key hash_word() files under `hash`; false if
  /// the key is there already.
  bool place(uint64_t hash) {
    Part& p = parts_[partition_of(hash)];
    if (mode_ == Mode::inline64) return place_inline(p.wide, key_of_hash(hash) + 1, hash);
    if (mode_ == Mode::inline32) return place_inline(p.narrow, key_of_hash(hash) + 1, hash);
    return place_inline(p.narrow, quotient(hash) + 1, hash);
  }
  /// Numbers a placed key: its id.
  uint32_t append_word(uint32_t partition, uint64_t word) {
    Part& p = parts_[partition];
    const uint32_t n = p.count;
    append(p, reinterpret_cast<const uint8_t*>(&word));  // little-endian: the key's bytes
    return id(partition, n);
  }

  struct Insert {
    uint32_t id;    ///< kNone for a state found again in an inline table
    bool inserted;
    bool full;      ///< the partition is at its capacity: nothing was inserted
  };
  /// Inserts into the key's partition. Only one thread may touch a partition at a time.
  Insert insert(const uint8_t* key, uint64_t hash) {
    const uint32_t pi = partition_of(hash);
    Part& p = parts_[pi];
    if (mode_ != Mode::numbered) return insert_word(ops_.word(key), hash);
    if ((p.count + 1) * 4 > p.narrow.size() * 3) grow_numbered(p);
    const uint32_t tag = tag_of(hash);
    const size_t mask = p.narrow.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const uint32_t slot = p.narrow[i];
      if (slot == 0) {
        if (p.count >= kMaxPerPartition) return {kNone, false, true};
        const uint32_t n = p.count;
        append(p, key);
        p.narrow[i] = tag << kNumberBits | (n + 1);
        return {id(pi, n), true, false};
      }
      const uint32_t n = (slot & kNumberMask) - 1;
      if ((slot >> kNumberBits) == tag && ops_.equal(key_at(p, n), key)) return {id(pi, n), false, false};
    }
  }

  /// insert() for keys of at most 8 bytes given as one integer (KeyOps::word).
  Insert insert_word(uint64_t word, uint64_t hash) {
    const uint32_t pi = partition_of(hash);
    Part& p = parts_[pi];
    if (mode_ == Mode::inline64) return insert_inline(p, pi, p.wide, word, word + 1, hash);
    if (mode_ == Mode::inline32) return insert_inline(p, pi, p.narrow, word, word + 1, hash);
    if (mode_ == Mode::quotient32) return insert_inline(p, pi, p.narrow, word, quotient(hash) + 1, hash);
    uint8_t key[16] = {};
    std::memcpy(key, &word, 8);
    return insert(key, hash);
  }

  const uint8_t* key(uint32_t id) const { return key_at(parts_[partition_of_id(id)], number_of_id(id)); }
  uint32_t count(uint32_t partition) const { return parts_[partition].count; }
  uint64_t size() const {
    uint64_t n = 0;
    for (const auto& p : parts_) n += p.count;
    return n;
  }
  /// The tables' bytes (slots only, no keys).
  uint64_t table_bytes() const {
    uint64_t m = 0;
    for (const auto& p : parts_) m += p.narrow.size() * sizeof(uint32_t) + p.wide.size() * sizeof(uint64_t);
    return m;
  }
  uint64_t memory_bytes() const {
    uint64_t m = 0;
    for (const auto& p : parts_) m += p.chunks.size() * chunk_bytes();
    return table_bytes() + m;
  }

 private:
  enum class Mode { numbered, inline32, quotient32, inline64 };
  static constexpr uint32_t kNumberMask = (1u << kNumberBits) - 1;
  static constexpr size_t kInitialSlots = 1024;
  static constexpr unsigned kChunkBits = 14;  // keys per chunk: 16 Ki
  // The count, written at every append, has a cache line of its own: a
  // thread reading the partition's keys (through `chunks`) while another
  // appends would otherwise fetch the line back from the other core at
  // every read.
  struct alignas(64) Part {
    ZeroedArray<uint32_t> narrow;  // inline32 or numbered slots; 0 = empty
    ZeroedArray<uint64_t> wide;    // inline64 slots; 0 = empty
    std::vector<std::unique_ptr<uint8_t[]>> chunks;
    alignas(64) uint32_t count = 0;
  };
  KeyOps ops_;
  Mode mode_;
  size_t bits_;
  uint64_t qmask_;  // the key's bits
  std::vector<Part> parts_;

  // A bijection of [0, 2^bits): multiplying by an odd number modulo 2^bits
  // and xor-shifting right are both invertible, so distinct keys stay
  // distinct and the quotient identifies the key within its partition.
  uint64_t permute(uint64_t x) const {
    const unsigned shift = static_cast<unsigned>(bits_ / 2 + 1);
    x = (x * 0x9e3779b97f4a7c15ull) & qmask_;
    x ^= x >> shift;
    x = (x * 0xbf58476d1ce4e5b9ull) & qmask_;
    return x ^ (x >> shift);
  }
  // permute() backwards: the xor-shift undoes itself (2 shift > bits), a
  // product is undone by the multiplier's inverse modulo 2^64.
  uint64_t unpermute(uint64_t x) const {
    const unsigned shift = static_cast<unsigned>(bits_ / 2 + 1);
    x ^= x >> shift;
    x = (x * 0x96de1b173f119089ull) & qmask_;
    x ^= x >> shift;
    return (x * 0xf1de83e19937733dull) & qmask_;
  }
  // The permuted key x as a 64-bit hash: x on top (its high bits choose the
  // partition), its low bits again at the bottom (they choose the slot).
  uint64_t spread(uint64_t x) const { return x << (64 - bits_) | (x & ((uint64_t{1} << (64 - bits_)) - 1)); }
  // What a quotient slot keeps: x without its partition bits.
  uint64_t quotient(uint64_t hash) const { return (hash >> (64 - bits_)) & (qmask_ >> kPartitionBits); }

  static uint32_t tag_of(uint64_t hash) {
    return static_cast<uint32_t>(hash >> (64 - kPartitionBits - (32 - kNumberBits))) & ((1u << (32 - kNumberBits)) - 1);
  }
  size_t chunk_bytes() const { return (size_t{1} << kChunkBits) * ops_.bytes() + 8; }  // 8: slack for word reads
  const uint8_t* key_at(const Part& p, uint32_t n) const {
    return p.chunks[n >> kChunkBits].get() + (n & ((1u << kChunkBits) - 1)) * ops_.bytes();
  }
  void append(Part& p, const uint8_t* key) {
    if ((p.count & ((1u << kChunkBits) - 1)) == 0) p.chunks.emplace_back(new uint8_t[chunk_bytes()]());
    std::memcpy(p.chunks.back().get() + (p.count & ((1u << kChunkBits) - 1)) * ops_.bytes(), key, ops_.bytes());
    ++p.count;
  }
  // An inline slot holds key + 1, a quotient slot quotient + 1 (0 marks an empty slot).
  template <class Slot>
  Insert insert_inline(Part& p, uint32_t pi, ZeroedArray<Slot>& slots, uint64_t word, uint64_t value, uint64_t hash) {
    if ((p.count + 1) * 4 > slots.size() * 3) grow_inline(slots, pi);
    if (p.count >= kMaxPerPartition) return {kNone, false, true};
    if (!place_inline(slots, value, hash)) return {kNone, false, false};
    return {append_word(pi, word), true, false};
  }
  template <class Slot>
  static bool place_inline(ZeroedArray<Slot>& slots, uint64_t value, uint64_t hash) {
    const Slot want = static_cast<Slot>(value);
    const size_t mask = slots.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot slot = slots[i];
      if (slot == want) return false;
      if (slot == 0) {
        slots[i] = want;
        return true;
      }
    }
  }
  template <class Slot>
  void grow_inline(ZeroedArray<Slot>& slots, uint32_t partition) {
    ZeroedArray<Slot> bigger(slots.size() * 2);
    const size_t mask = bigger.size() - 1;
    for (Slot slot : slots) {
      if (slot == 0) continue;
      const uint64_t v = static_cast<uint64_t>(slot) - 1;
      const uint64_t h = mode_ == Mode::quotient32 ? spread(uint64_t{partition} << (bits_ - kPartitionBits) | v)
                                                   : KeyOps::hash_word(v);
      size_t i = h & mask;
      while (bigger[i] != 0) i = (i + 1) & mask;
      bigger[i] = slot;
    }
    slots.swap(bigger);
  }
  void grow_numbered(Part& p) {
    ZeroedArray<uint32_t> bigger(p.narrow.size() * 2);
    const size_t mask = bigger.size() - 1;
    for (uint32_t n = 0; n < p.count; ++n) {  // keys in number order: sequential reads
      const uint64_t h = ops_.hash(key_at(p, n));
      size_t i = h & mask;
      while (bigger[i] != 0) i = (i + 1) & mask;
      bigger[i] = tag_of(h) << kNumberBits | (n + 1);
    }
    p.narrow.swap(bigger);
  }
};

}  // namespace migcheck::engine
