#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace prism::services::generations {

// The threads that run generations: separate from the HTTP workers, since a
// provider call blocks its thread for as long as the model writes, and a
// generation must go on when its client disconnects. Bounded: post() returns
// false when the queue is full.
//
// Jobs wait in one queue per key (the organization), and a free thread takes
// the next key after the one it served last, round-robin: an organization
// with many generations waiting cannot keep another's single one behind all
// of them (issue 11, finding 4). Within a key, jobs run in order.
class GenerationPool {
 public:
  GenerationPool(int threads, std::size_t capacity);
  // Runs the jobs already queued, then joins.
  ~GenerationPool();
  GenerationPool(const GenerationPool&) = delete;
  GenerationPool& operator=(const GenerationPool&) = delete;

  bool post(std::string key, std::function<void()> job);
  bool post(std::function<void()> job) { return post(std::string(), std::move(job)); }
  // Blocks until the queue is empty and no job runs (tests).
  void wait_idle();

 private:
  void run();
  // The next job, round-robin over the keys; the queue must not be empty.
  std::function<void()> take();

  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::map<std::string, std::deque<std::function<void()>>> queues_;  // only non-empty ones
  std::string last_key_;                                             // the key served last
  std::size_t queued_ = 0;
  int busy_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace prism::services::generations
