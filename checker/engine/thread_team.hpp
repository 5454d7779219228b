#pragma once
// A fixed team of threads that run one function together, phase after
// phase. Starting threads for every phase cost more than the phases of a
// small block on the 2-core VM (a few hundred microseconds each); the team
// starts them once and hands each phase over with a generation counter.
//
// Between phases a thread first spins for a short while before it sleeps
// on a condition variable: a block's phases take a millisecond or two, and
// waking a sleeping thread took about 100 microseconds per phase on the
// 2-core VM (measured: 0.65 s of barrier time in a 5.7 s two-thread run of
// the N=5 benchmark, 11,000 phases). The spin is bounded, so a team on an
// oversubscribed machine still sleeps rather than burning a core.
#include <atomic>
#include <chrono>
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
      generation_.fetch_add(1);
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
      pending_.store(static_cast<unsigned>(members_.size()));
      generation_.fetch_add(1);
    }
    wake_.notify_all();
    guarded(f, 0);
    if (!spin_until([this] { return pending_.load() == 0; })) {
      std::unique_lock<std::mutex> lock(mutex_);
      done_.wait(lock, [this] { return pending_.load() == 0; });
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
  const std::function<void(unsigned)>* task_ = nullptr;  // written under the mutex before generation_ moves
  std::atomic<unsigned> pending_{0};
  std::atomic<uint64_t> generation_{0};
  bool stopping_ = false;

  /// Spins until done() or about kSpin has passed; true if done().
  template <class Done>
  static bool spin_until(Done done) {
    constexpr auto kSpin = std::chrono::microseconds(200);
    const auto until = std::chrono::steady_clock::now() + kSpin;
    for (unsigned k = 1;; ++k) {
      if (done()) return true;
      if (k % 64 == 0 && std::chrono::steady_clock::now() > until) return false;
    }
  }

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
      spin_until([&] { return generation_.load() != seen; });
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return generation_.load() != seen; });
        seen = generation_.load();
        if (stopping_) return;
        task = task_;
      }
      guarded(*task, t);
      if (pending_.fetch_sub(1) == 1) {
        std::lock_guard<std::mutex> lock(mutex_);  // the caller may be asleep on done_
        done_.notify_one();
      }
    }
  }
};

}  // namespace migcheck::engine
