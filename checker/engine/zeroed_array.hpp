#pragma once
// A fixed-size array of zeroed slots from mmap. Hash tables are probed at
// random, so on 4 KiB pages nearly every probe also misses the TLB; large
// arrays ask for transparent huge pages (2 MiB) to avoid that. The memory
// comes zeroed from the kernel and is touched only where it is used.
#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <new>
#include <utility>

namespace migcheck::engine {

template <class T>
class ZeroedArray {
 public:
  ZeroedArray() = default;
  explicit ZeroedArray(size_t n) : n_(n) {
    if (n == 0) return;
    // Huge pages need 2 MiB alignment: map a little more and trim both ends.
    const size_t extra = bytes() >= kHuge ? kHuge : 0;
    void* p = mmap(nullptr, bytes() + extra, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    char* start = static_cast<char*>(p);
    if (extra) {
      const size_t skip = (kHuge - reinterpret_cast<uintptr_t>(start) % kHuge) % kHuge;
      if (skip) munmap(start, skip);
      if (extra - skip) munmap(start + skip + bytes(), extra - skip);
      start += skip;
      madvise(start, bytes(), MADV_HUGEPAGE);  // a hint: without THP it changes nothing
    }
    data_ = reinterpret_cast<T*>(start);
  }
  ZeroedArray(ZeroedArray&& o) noexcept { swap(o); }
  ZeroedArray& operator=(ZeroedArray&& o) noexcept {
    swap(o);
    return *this;
  }
  ZeroedArray(const ZeroedArray&) = delete;
  ZeroedArray& operator=(const ZeroedArray&) = delete;
  ~ZeroedArray() {
    if (data_) munmap(data_, bytes());
  }
  void swap(ZeroedArray& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(n_, o.n_);
  }
  size_t size() const { return n_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + n_; }

 private:
  static constexpr size_t kHuge = size_t{2} << 20;
  T* data_ = nullptr;
  size_t n_ = 0;
  size_t bytes() const { return n_ * sizeof(T); }
};

}  // namespace migcheck::engine
