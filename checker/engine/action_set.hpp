#pragma once
// A small set of action ids, for coverage: a model has at most a few
// thousand distinct actions, so an open-addressing table that fits in cache
// records one per transition for a probe or two.
#include <algorithm>
#include <cstdint>
#include <vector>

namespace migcheck::engine {

class ActionSet {
 public:
  void insert(uint32_t action) {
    const uint64_t key = uint64_t{action} + 1;  // 0 marks an empty slot
    if (4 * (used_ + 1) > 3 * slots_.size()) grow();
    for (size_t i = spread(key);; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i] == key) return;
      if (slots_[i] == 0) {
        slots_[i] = key;
        ++used_;
        return;
      }
    }
  }
  /// The members, sorted.
  std::vector<uint32_t> sorted() const {
    std::vector<uint32_t> out;
    for (uint64_t k : slots_)
      if (k) out.push_back(static_cast<uint32_t>(k - 1));
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::vector<uint64_t> slots_ = std::vector<uint64_t>(256, 0);
  size_t used_ = 0;
  size_t spread(uint64_t key) const { return static_cast<size_t>((key * 0x9e3779b97f4a7c15ull) >> 40) & (slots_.size() - 1); }
  void grow() {
    std::vector<uint64_t> old(slots_.size() * 2, 0);
    old.swap(slots_);
    used_ = 0;
    for (uint64_t k : old)
      if (k) insert(static_cast<uint32_t>(k - 1));
  }
};

}  // namespace migcheck::engine
