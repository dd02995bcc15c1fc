#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "cache/redis/redis_settings.hpp"
#include "cache/redis/resp.hpp"
#include "cache/remote/command_cache.hpp"

namespace prism::cache {

// A Cache on one Redis connection over RESP (plain or TLS), owned by its own
// I/O thread. Callers on any thread hand their command to that thread, which
// pipelines them on the connection and matches the answers in order. Each
// command has a deadline; a missed deadline or a broken connection opens the
// circuit: calls fail at once (CacheUnavailable) while the I/O thread
// reconnects with backoff, so no caller waits on a dead server.
class RedisCache final : public CommandCache {
 public:
  explicit RedisCache(RedisSettings settings);
  ~RedisCache() override;

  std::optional<std::string> down_reason() const override;

 protected:
  Reply execute(std::vector<std::string> argv) override;

 private:
  using Stream = boost::asio::ssl::stream<boost::asio::ip::tcp::socket>;
  using Promise = std::promise<Reply>;

  boost::asio::awaitable<void> supervise();
  boost::asio::awaitable<void> connect();
  boost::asio::awaitable<std::size_t> read_some(char* data, std::size_t size);
  boost::asio::awaitable<Reply> read_reply();
  boost::asio::awaitable<void> read_loop();
  void enqueue(std::string bytes, std::shared_ptr<Promise> promise);
  void flush();
  void drop(std::uint64_t generation, const std::string& cause);
  void fail_waiting(const std::string& cause);
  void set_state(bool up, const std::string& cause);
  void wait_for_first_attempt(std::chrono::steady_clock::time_point deadline);

  const RedisSettings settings_;
  boost::asio::io_context io_;
  boost::asio::ssl::context tls_;
  // I/O-thread state.
  std::shared_ptr<Stream> stream_;
  std::unique_ptr<resp::Parser> parser_;
  std::deque<std::shared_ptr<Promise>> waiting_;  // answers expected, in order
  std::string out_;                               // formatted, not yet written
  bool writing_ = false;
  std::string drop_cause_;
  // Shared with callers.
  std::atomic<bool> up_{false};
  std::atomic<std::uint64_t> generation_{0};  // one per connection
  mutable std::mutex state_mutex_;
  std::condition_variable first_attempt_done_cv_;
  bool first_attempt_done_ = false;
  std::string down_cause_ = "not connected yet";
  std::thread thread_;
};

}  // namespace prism::cache
