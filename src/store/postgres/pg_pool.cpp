#include "store/postgres/pg_pool.hpp"

#include <algorithm>
#include <string>

namespace prism::store::postgres {

PgPool::PgPool(int size, std::chrono::milliseconds wait, Connect connect)
    : size_(std::max(1, size)), wait_(wait), connect_(std::move(connect)) {}

namespace {
std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
}  // namespace

bool PgPool::used_within(std::chrono::milliseconds window) const {
  return now_ms() - last_borrow_ms_.load(std::memory_order_relaxed) <= window.count();
}

PgPool::ConnectionPtr PgPool::borrow(std::chrono::milliseconds connect_timeout) {
  last_borrow_ms_.store(now_ms(), std::memory_order_relaxed);
  std::unique_lock lock(mutex_);
  if (waiters_.empty()) {
    if (!idle_.empty()) {
      ConnectionPtr conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    if (open_ < size_) {
      ++open_;
      lock.unlock();
      return open_new(connect_timeout);
    }
  }
  Waiter me;
  waiters_.push_back(&me);
  bool served = me.ready.wait_for(lock, wait_, [&] { return me.conn != nullptr || me.may_open; });
  if (!served) {
    waiters_.erase(std::find(waiters_.begin(), waiters_.end(), &me));
    throw DatabaseUnavailable("no PostgreSQL connection free within DATABASE_POOL_TIMEOUT_MS (" +
                                  std::to_string(wait_.count()) + " ms)",
                              1);
  }
  if (me.conn) return std::move(me.conn);
  lock.unlock();
  return open_new(connect_timeout);  // the place was counted by whoever freed it
}

// Connected outside the lock: the others need not wait for this handshake.
PgPool::ConnectionPtr PgPool::open_new(std::chrono::milliseconds connect_timeout) {
  try {
    return connect_(connect_timeout);
  } catch (...) {
    std::lock_guard lock(mutex_);
    release_place();
    throw;
  }
}

void PgPool::release_place() {
  if (waiters_.empty()) {
    --open_;
    return;
  }
  Waiter* next = waiters_.front();
  waiters_.pop_front();
  next->may_open = true;
  next->ready.notify_one();
}

void PgPool::give_back(ConnectionPtr conn) {
  if (!conn) return;
  if (conn->broken()) {
    conn.reset();  // closed outside the lock
    std::lock_guard lock(mutex_);
    release_place();
    return;
  }
  std::lock_guard lock(mutex_);
  if (waiters_.empty()) {
    idle_.push_back(std::move(conn));
    return;
  }
  Waiter* next = waiters_.front();
  waiters_.pop_front();
  next->conn = std::move(conn);
  next->ready.notify_one();
}

void PgPool::drop_idle() {
  std::vector<ConnectionPtr> dropped;  // closed after the lock is released
  std::lock_guard lock(mutex_);
  // No one waits while a connection is idle: nothing to hand over.
  dropped.swap(idle_);
  open_ -= static_cast<int>(dropped.size());
}

}  // namespace prism::store::postgres
