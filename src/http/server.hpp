#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http/dispatcher.hpp"
#include "http/worker_pool.hpp"

namespace prism::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  int io_threads = 2;
  std::size_t max_body_bytes = 1024 * 1024;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds shutdown_grace{10};
  // A streamed answer sends a comment line after this long without an event.
  std::chrono::milliseconds sse_heartbeat{15000};
};

// HTTP/1.1 on Boost.Beast with C++20 coroutines: one coroutine per
// connection, keep-alive, per-read timeouts, a body limit, and graceful
// shutdown on SIGTERM/SIGINT (stop accepting, let in-flight requests finish
// until the grace deadline). Blocking work runs on the worker pool.
class Server {
 public:
  Server(ServerOptions options, Dispatcher& dispatcher, WorkerPool& workers);

  // Binds (throws with a clear message when the port is taken), then serves
  // until a signal arrives. `on_listening` gets the bound port.
  void run(const std::function<void(unsigned short)>& on_listening = {});
  // Graceful shutdown, as on SIGTERM; callable from any thread.
  void stop();
  long queue_depth() const { return queued_.load(std::memory_order_relaxed); }

 private:
  ServerOptions options_;
  Dispatcher& dispatcher_;
  WorkerPool& workers_;
  // One io_context per I/O thread, each run by exactly that thread (as in
  // bench/hello_server): a connection lives on one of them, so its coroutine
  // and timers need no strand and no cross-thread wake-ups.
  std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
  std::atomic<bool> stopping_{false};
  std::atomic<long> queued_{0};
  std::atomic<long> busy_{0};
  std::function<void(const std::string&)> shutdown_;  // set while run() runs

  friend struct ConnectionTask;
};

}  // namespace prism::http
