#pragma once
// An append-only array that one thread fills and another then reads: the
// buckets in which a run of expanded states hands its successors to the
// threads that insert them.
//
// With more than one thread it can be filled with streaming (non-temporal)
// stores. A thread that inserts a partition reads every run's bucket for it,
// so its core keeps copies of lines the other core wrote; two steps later
// the other core fills the same lines again and must first take those
// copies back (on the 2-core VM a line takes some 240 ns to move between
// the cores, as between dies). A streaming store writes the line to memory
// without fetching it and leaves no copy behind. Measured at benchmark N=5,
// two threads: expansion 3.0-3.2 busy thread-seconds with plain stores,
// 2.6 streamed, about as alone (2.4-2.7); with one thread the reader is the
// writer, whose cache still holds the lines, and plain stores are faster
// (6.6 s against 6.9 s).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <type_traits>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace migcheck::engine {

// Streaming stores are x86 instructions the sanitizers do not see: ASan and
// TSan builds store plainly, so that they check these writes too.
#if defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#define MIGCHECK_STREAMING_STORES 1
#else
#define MIGCHECK_STREAMING_STORES 0
#endif

template <class T>
class HandoverArray {
  static_assert(std::is_trivially_copyable_v<T> && (sizeof(T) == 4 || sizeof(T) == 8), "streamed as 32- or 64-bit words");

 public:
  HandoverArray() = default;
  HandoverArray(const HandoverArray&) = delete;
  HandoverArray& operator=(const HandoverArray&) = delete;
  ~HandoverArray() { std::free(data_); }

  /// Whether push_back() streams (chosen once: more than one thread).
  void set_streaming(bool on) { streaming_ = on; }
  void clear() { size_ = 0; }
  void push_back(T v) {
    if (size_ == capacity_) grow();
    T* at = data_ + size_++;
#if MIGCHECK_STREAMING_STORES
    if (streaming_) {
      if constexpr (sizeof(T) == 8) _mm_stream_si64(reinterpret_cast<long long*>(at), static_cast<long long>(v));
      else _mm_stream_si32(reinterpret_cast<int*>(at), static_cast<int>(v));
      return;
    }
#endif
    *at = v;
  }
  /// Orders the writer's streaming stores before whatever it does next (they
  /// are weakly ordered): called before the array is handed over.
  static void publish() {
#if MIGCHECK_STREAMING_STORES
    _mm_sfence();
#endif
  }

  /// Asks for the whole array to be brought into the cache: a reader calls
  /// it on the array it reads next, which was streamed to memory in runs too
  /// short for the hardware prefetcher to pick up.
  void prefetch() const {
    for (size_t i = 0; i < size_; i += 64 / sizeof(T)) __builtin_prefetch(data_ + i);
  }
  size_t size() const { return size_; }
  const T& operator[](size_t i) const { return data_[i]; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }

 private:
  T* data_ = nullptr;
  size_t size_ = 0, capacity_ = 0;
  bool streaming_ = false;

  void grow() {
    const size_t capacity = capacity_ ? 2 * capacity_ : 64 / sizeof(T) * 4;  // from four cache lines
    void* p = std::realloc(data_, capacity * sizeof(T));
    if (!p) throw std::bad_alloc();
    data_ = static_cast<T*>(p);
    capacity_ = capacity;
  }
};

}  // namespace migcheck::engine
