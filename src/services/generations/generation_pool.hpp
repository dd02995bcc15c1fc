#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace prism::services::generations {

// The threads that run generations: separate from the HTTP workers, since a
// provider call blocks its thread for as long as the model writes, and a
// generation must go on when its client disconnects. Bounded: post() returns
// false when the queue is full.
class GenerationPool {
 public:
  GenerationPool(int threads, std::size_t capacity);
  // Runs the jobs already queued, then joins.
  ~GenerationPool();
  GenerationPool(const GenerationPool&) = delete;
  GenerationPool& operator=(const GenerationPool&) = delete;

  bool post(std::function<void()> job);
  // Blocks until the queue is empty and no job runs (tests).
  void wait_idle();

 private:
  void run();

  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<std::function<void()>> jobs_;
  int busy_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace prism::services::generations
