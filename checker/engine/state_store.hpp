#pragma once
// Visited states: fixed-stride bytes in chunks, indexed by an open-addressing
// hash table whose slots hold a state number and 32 bits of its hash (so a
// probe compares bytes only when the hashes agree). State numbers are
// assigned in BFS order, so they double as the exploration order.
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

namespace migcheck::engine {

class StateStore {
 public:
  explicit StateStore(size_t state_bytes) : stride_(state_bytes), slots_(1u << 16, kEmpty) {}

  /// Returns {number, inserted}.
  std::pair<uint32_t, bool> insert(const uint8_t* s) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    const uint64_t h = hash(s);
    const uint64_t tag = h >> 32;
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      uint64_t slot = slots_[i];
      if (slot == kEmpty) {
        uint32_t n = static_cast<uint32_t>(count_);
        append(s);
        slots_[i] = tag << 32 | n;
        return {n, true};
      }
      if ((slot >> 32) == tag && std::memcmp(at(static_cast<uint32_t>(slot)), s, stride_) == 0)
        return {static_cast<uint32_t>(slot), false};
    }
  }
  const uint8_t* at(uint32_t n) const { return blocks_[n >> kBlockBits].get() + (n & (kBlock - 1)) * stride_; }
  size_t count() const { return count_; }
  size_t stride() const { return stride_; }
  size_t memory_bytes() const { return blocks_.size() * kBlock * stride_ + slots_.size() * sizeof(uint64_t); }

 private:
  static constexpr uint64_t kEmpty = ~uint64_t{0};
  static constexpr unsigned kBlockBits = 16;
  static constexpr size_t kBlock = size_t{1} << kBlockBits;
  size_t stride_;
  size_t count_ = 0;
  std::vector<std::unique_ptr<uint8_t[]>> blocks_;
  std::vector<uint64_t> slots_;

  void append(const uint8_t* s) {
    if ((count_ & (kBlock - 1)) == 0) blocks_.emplace_back(new uint8_t[kBlock * stride_]);
    std::memcpy(blocks_.back().get() + (count_ & (kBlock - 1)) * stride_, s, stride_);
    ++count_;
  }
  // 8 bytes at a time with a multiply-xorshift mix per word.
  uint64_t hash(const uint8_t* s) const {
    uint64_t h = 0x9e3779b97f4a7c15ull ^ (stride_ * 0xff51afd7ed558ccdull);
    size_t i = 0;
    for (; i + 8 <= stride_; i += 8) {
      uint64_t w;
      std::memcpy(&w, s + i, 8);
      h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
      h ^= h >> 31;
    }
    uint64_t w = 0;
    std::memcpy(&w, s + i, stride_ - i);
    h = (h ^ w) * 0x94d049bb133111ebull;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 32);
  }
  void grow() {
    std::vector<uint64_t> bigger(slots_.size() * 2, kEmpty);
    size_t mask = bigger.size() - 1;
    for (uint64_t slot : slots_) {
      if (slot == kEmpty) continue;
      uint32_t n = static_cast<uint32_t>(slot);
      size_t i = hash(at(n)) & mask;
      while (bigger[i] != kEmpty) i = (i + 1) & mask;
      bigger[i] = slot;
    }
    slots_.swap(bigger);
  }
};

}  // namespace migcheck::engine
