#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/postgres/pg_connection.hpp"

namespace prism::store::postgres {

// A bounded pool of connections, opened on first use. A caller waits at most
// `wait` for one (then DatabaseUnavailable: 503 with Retry-After, never an
// unbounded queue), and waiters are served first come, first served: a
// connection given back goes straight to the longest waiter, so a thread that
// gives one back and asks again at once cannot overtake them (without that,
// under load a few requests wait many times longer than the rest).
class PgPool {
 public:
  using ConnectionPtr = std::unique_ptr<PgConnection>;
  using Connect = std::function<ConnectionPtr(std::chrono::milliseconds connect_timeout)>;

  PgPool(int size, std::chrono::milliseconds wait, Connect connect);

  ConnectionPtr borrow(std::chrono::milliseconds connect_timeout);
  // Whether borrow() was called within the last `window`.
  bool used_within(std::chrono::milliseconds window) const;
  // A broken connection is closed; its place goes to the next waiter.
  void give_back(ConnectionPtr conn);
  // Closes every idle connection: after one was found dead the others most
  // likely are too (the server restarted).
  void drop_idle();

 private:
  struct Waiter {
    ConnectionPtr conn;     // handed over by give_back
    bool may_open = false;  // or the right to open a new one
    std::condition_variable ready;
  };
  ConnectionPtr open_new(std::chrono::milliseconds connect_timeout);
  // Under the lock: passes a place freed by a closed connection on to the
  // next waiter, else forgets it.
  void release_place();

  const int size_;
  const std::chrono::milliseconds wait_;
  Connect connect_;
  std::mutex mutex_;
  std::vector<ConnectionPtr> idle_;
  std::deque<Waiter*> waiters_;
  int open_ = 0;  // idle, lent out, or being opened
  std::atomic<std::int64_t> last_borrow_ms_{INT64_MIN / 2};
};

}  // namespace prism::store::postgres
