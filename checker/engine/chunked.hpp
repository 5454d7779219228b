#pragma once
// An append-only array in fixed-size chunks: growing never moves or copies
// what is stored (a doubling vector of gigabytes would copy it all, and
// fault in fresh pages twice).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace migcheck::engine {

template <class T, size_t ChunkBits = 20>
class Chunked {
 public:
  static constexpr size_t kChunk = size_t{1} << ChunkBits;
  void push_back(T v) {
    if ((size_ & (kChunk - 1)) == 0) chunks_.emplace_back(new T[kChunk]);
    chunks_.back()[size_ & (kChunk - 1)] = v;
    ++size_;
  }
  T operator[](size_t i) const { return chunks_[i >> ChunkBits][i & (kChunk - 1)]; }
  T& operator[](size_t i) { return chunks_[i >> ChunkBits][i & (kChunk - 1)]; }
  size_t size() const { return size_; }
  size_t memory_bytes() const { return chunks_.size() * kChunk * sizeof(T); }

 private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  size_t size_ = 0;
};

}  // namespace migcheck::engine
