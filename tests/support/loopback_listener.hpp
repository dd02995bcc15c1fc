#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace prism::testing {

// Whether something accepts TCP connections on 127.0.0.1:`port` (a server
// a test started is up).
bool accepts_connections(int port);

// A TCP listener on 127.0.0.1 (a free port) for the tests' fake servers:
// each accepted connection goes to `serve` on its own thread, which owns the
// descriptor. stop() (or the destructor) stops accepting and joins every
// connection thread, so the owner first makes its serve() return.
class LoopbackListener {
 public:
  // `name` only labels errors ("fake llm: cannot listen on 127.0.0.1").
  LoopbackListener(std::string name, std::function<void(int fd)> serve);
  ~LoopbackListener();
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;

  int port() const { return port_; }
  void stop();

 private:
  void accept_loop();

  std::function<void(int fd)> serve_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread acceptor_;
  std::mutex threads_mu_;
  std::vector<std::thread> connections_;
};

}  // namespace prism::testing
