#pragma once
// A fixed team of threads that run one function together, phase after
// phase. Starting threads for every phase cost more than the phases of a
// small block on the 2-core VM (a few hundred microseconds each); the team
// starts them once and hands each phase over with a generation counter.
#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace migcheck::engine {

class ThreadTeam {
 public:
  explicit ThreadTeam(unsigned threads) : errors_(threads) {
    for (unsigned t = 1; t < threads; ++t) members_.emplace_back([this, t] { serve(t); });
  }
  ~ThreadTeam() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
      ++generation_;
    }
    wake_.notify_all();
    for (auto& m : members_) m.join();
  }
  ThreadTeam(const ThreadTeam&) = delete;
  ThreadTeam& operator=(const ThreadTeam&) = delete;

  unsigned size() const { return static_cast<unsigned>(members_.size()) + 1; }

  /// Runs f(t) for every t in 0..size()-1, t = 0 on the calling thread, and
  /// returns when all are done; rethrows the first exception any of them threw.
  void run(const std::function<void(unsigned)>& f) {
    if (members_.empty()) return f(0);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      task_ = &f;
      pending_ = static_cast<unsigned>(members_.size());
      ++generation_;
    }
    wake_.notify_all();
    guarded(f, 0);
    {
      std::unique_lock<std::mutex> lock(mutex_);
      done_.wait(lock, [this] { return pending_ == 0; });
    }
    for (auto& e : errors_)
      if (e) {
        std::exception_ptr first = e;
        for (auto& x : errors_) x = nullptr;
        std::rethrow_exception(first);
      }
  }

 private:
  std::vector<std::thread> members_;
  std::vector<std::exception_ptr> errors_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(unsigned)>* task_ = nullptr;
  unsigned pending_ = 0;
  uint64_t generation_ = 0;
  bool stopping_ = false;

  void guarded(const std::function<void(unsigned)>& f, unsigned t) {
    try {
      f(t);
    } catch (...) {
      errors_[t] = std::current_exception();
    }
  }
  void serve(unsigned t) {
    uint64_t seen = 0;
    for (;;) {
      const std::function<void(unsigned)>* task;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return generation_ != seen; });
        seen = generation_;
        if (stopping_) return;
        task = task_;
      }
      guarded(*task, t);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (--pending_ == 0) done_.notify_one();
      }
    }
  }
};

}  // namespace migcheck::engine
