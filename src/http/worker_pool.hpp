#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <optional>
#include <thread>
#include <vector>

namespace prism::http {

// Threads for blocking work (database, password hashing, outbound calls).
// They run at a lower scheduling priority than the I/O threads, so CPU-heavy
// work such as argon2 cannot starve the event loop: /health stays fast while
// logins are being hashed.
class WorkerPool {
 public:
  WorkerPool(int threads, int nice_increment = 5);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  boost::asio::io_context::executor_type executor() { return ioc_.get_executor(); }
  // Lets queued work finish, then joins the threads.
  void join();

 private:
  boost::asio::io_context ioc_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guard_;
  std::vector<std::thread> threads_;
};

}  // namespace prism::http
