#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace prism::services {

// Runs small jobs (sending e-mail) on one background thread, so a request
// never waits on SMTP and takes the same time whether or not it produced
// mail (forgot-password must not reveal which e-mails have accounts).
// Bounded: when full, post() drops the job and returns false. A job that
// throws is logged and the queue goes on.
class BackgroundQueue {
 public:
  explicit BackgroundQueue(std::string name, std::size_t capacity = 1000);
  // Finishes the jobs already queued, then stops.
  ~BackgroundQueue();
  BackgroundQueue(const BackgroundQueue&) = delete;
  BackgroundQueue& operator=(const BackgroundQueue&) = delete;

  bool post(std::function<void()> job);
  // Blocks until every job posted so far has finished (tests, shutdown).
  void wait_idle();

 private:
  void run();

  const std::string name_;
  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<std::function<void()>> jobs_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace prism::services
