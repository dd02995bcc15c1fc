#include "cache/redis/redis_cache.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

// GCC 12 at -O1 takes the frames of these coroutines, allocated and freed by
// Asio's awaitable_frame_base operators, for a mismatched new/delete pair: a
// false positive, silenced for this file only (as in http/request_reader.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace prism::cache {

namespace asio = boost::asio;
using asio::use_awaitable;
using namespace std::chrono_literals;

namespace {

constexpr auto kMaxBackoff = 5s;

// Connecting includes TCP, TLS and AUTH: more round trips than a command,
// and a cold TLS handshake costs CPU on both sides.
std::chrono::milliseconds connect_deadline(std::chrono::milliseconds timeout) {
  return std::max<std::chrono::milliseconds>(1s, timeout * 4);
}

// A lost connection reads "connection lost: End of file", not Asio's
// "read_some: End of file [asio.misc:2]".
std::string describe(const std::exception& e) {
  if (const auto* s = dynamic_cast<const boost::system::system_error*>(&e)) {
    return "connection lost: " + s->code().message();
  }
  return e.what();
}

}  // namespace

RedisCache::RedisCache(RedisSettings settings)
    : settings_(std::move(settings)), tls_(asio::ssl::context::tls_client) {
  if (settings_.tls) {
    tls_.set_verify_mode(asio::ssl::verify_peer);
    if (settings_.ca_file.empty()) {
      tls_.set_default_verify_paths();
    } else {
      tls_.load_verify_file(settings_.ca_file);
    }
  }
  asio::co_spawn(io_, supervise(), asio::detached);
  thread_ = std::thread([this] { io_.run(); });
}

RedisCache::~RedisCache() {
  io_.stop();
  thread_.join();
  fail_waiting("the cache is shutting down");
}

std::optional<std::string> RedisCache::down_reason() const {
  if (up_) return std::nullopt;
  std::lock_guard lock(state_mutex_);
  // Still connecting for the first time: not known to be down (a call then
  // waits for that attempt, within its deadline).
  if (!first_attempt_done_) return std::nullopt;
  return down_cause_;
}

void RedisCache::set_state(bool up, const std::string& cause) {
  bool was_up = up_.exchange(up);
  std::lock_guard lock(state_mutex_);
  bool cause_changed = cause != down_cause_;
  if (up) {
    if (!was_up) spdlog::info("redis: connected to {}", settings_.redacted_url);
  } else if (was_up || cause_changed) {
    // Retries with the same cause stay quiet: one line per change of state.
    spdlog::warn("redis: {} is unavailable: {}", settings_.redacted_url, cause);
  }
  down_cause_ = up ? std::string() : cause;
  first_attempt_done_ = true;
  first_attempt_done_cv_.notify_all();
}

void RedisCache::wait_for_first_attempt(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(state_mutex_);
  first_attempt_done_cv_.wait_until(lock, deadline, [this] { return first_attempt_done_; });
}

asio::awaitable<void> RedisCache::supervise() {
  auto backoff = std::chrono::milliseconds(100);
  for (;;) {
    drop_cause_.clear();
    try {
      co_await connect();
      backoff = 100ms;
      co_await read_loop();
    } catch (const std::exception& e) {
      std::string cause = drop_cause_.empty() ? describe(e) : drop_cause_;
      ++generation_;
      set_state(false, cause);
      fail_waiting(cause);
    }
    stream_.reset();
    out_.clear();
    writing_ = false;
    asio::steady_timer pause(io_, backoff);
    co_await pause.async_wait(use_awaitable);
    backoff = std::min<std::chrono::milliseconds>(backoff * 2, kMaxBackoff);
  }
}

asio::awaitable<void> RedisCache::connect() {
  auto stream = std::make_shared<Stream>(io_, tls_);
  stream_ = stream;
  parser_ = std::make_unique<resp::Parser>();
  // One timer bounds the whole handshake: closing the socket ends whichever
  // step is waiting.
  asio::steady_timer deadline(io_, connect_deadline(settings_.timeout));
  deadline.async_wait([this, stream](boost::system::error_code ec) {
    if (ec) return;
    drop_cause_ = "connecting took longer than " +
                  std::to_string(connect_deadline(settings_.timeout).count()) + " ms";
    boost::system::error_code ignored;
    stream->lowest_layer().close(ignored);
  });
  asio::ip::tcp::resolver resolver(io_);
  try {
    auto endpoints = co_await resolver.async_resolve(settings_.host, settings_.port, use_awaitable);
    co_await asio::async_connect(stream->lowest_layer(), endpoints, use_awaitable);
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error("cannot connect: " + e.code().message());
  }
  stream->lowest_layer().set_option(asio::ip::tcp::no_delay(true));
  if (settings_.tls) {
    // SNI (for a name; RFC 6066 has none for addresses), and the
    // certificate must name the host or address we dialled.
    boost::system::error_code not_an_address;
    asio::ip::make_address(settings_.host, not_an_address);
    if (not_an_address) SSL_set_tlsext_host_name(stream->native_handle(), settings_.host.c_str());
    stream->set_verify_callback(asio::ssl::host_name_verification(settings_.host));
    try {
      co_await stream->async_handshake(asio::ssl::stream_base::client, use_awaitable);
    } catch (const boost::system::system_error& e) {
      throw std::runtime_error("TLS handshake failed: " + e.code().message());
    }
  }
  std::vector<std::vector<std::string>> hello;
  if (!settings_.password.empty()) {
    if (settings_.user.empty()) {
      hello.push_back({"AUTH", settings_.password});
    } else {
      hello.push_back({"AUTH", settings_.user, settings_.password});
    }
  }
  if (settings_.db != 0) hello.push_back({"SELECT", std::to_string(settings_.db)});
  hello.push_back({"PING"});
  std::string bytes;
  for (const auto& command : hello) bytes += resp::format(command);
  if (settings_.tls) {
    co_await asio::async_write(*stream, asio::buffer(bytes), use_awaitable);
  } else {
    co_await asio::async_write(stream->next_layer(), asio::buffer(bytes), use_awaitable);
  }
  for (const auto& command : hello) {
    Reply reply = co_await read_reply();
    if (reply.is_error()) {
      // AUTH's answer (WRONGPASS …, NOAUTH …) names the cause, not the secret.
      std::string step = command[0] == "AUTH" ? "authentication failed" : command[0] + " failed";
      throw std::runtime_error(step + ": " + reply.text);
    }
  }
  deadline.cancel();
  ++generation_;
  set_state(true, {});
}

asio::awaitable<std::size_t> RedisCache::read_some(char* data, std::size_t size) {
  if (settings_.tls)
    co_return co_await stream_->async_read_some(asio::buffer(data, size), use_awaitable);
  co_return co_await stream_->next_layer().async_read_some(asio::buffer(data, size), use_awaitable);
}

asio::awaitable<Reply> RedisCache::read_reply() {
  char buffer[4096];
  for (;;) {
    if (auto reply = parser_->next()) co_return std::move(*reply);
    std::size_t n = co_await read_some(buffer, sizeof buffer);
    parser_->feed(buffer, n);
  }
}

asio::awaitable<void> RedisCache::read_loop() {
  std::vector<char> buffer(16 * 1024);
  for (;;) {
    std::size_t n = co_await read_some(buffer.data(), buffer.size());
    parser_->feed(buffer.data(), n);
    while (auto reply = parser_->next()) {
      if (waiting_.empty()) throw std::runtime_error("redis sent an answer nobody asked for");
      waiting_.front()->set_value(std::move(*reply));
      waiting_.pop_front();
    }
  }
}

void RedisCache::enqueue(std::string bytes, std::shared_ptr<Promise> promise) {
  if (!up_ || !stream_) {
    promise->set_exception(std::make_exception_ptr(CacheUnavailable("redis is unavailable")));
    return;
  }
  waiting_.push_back(std::move(promise));
  out_ += bytes;
  flush();
}

void RedisCache::flush() {
  if (writing_ || out_.empty() || !stream_) return;
  writing_ = true;
  // The buffer and the stream live until the write completes, even when the
  // connection is dropped and replaced meanwhile.
  auto sending = std::make_shared<std::string>(std::move(out_));
  out_.clear();
  auto stream = stream_;
  auto generation = generation_.load();
  auto done = [this, sending, stream, generation](boost::system::error_code ec, std::size_t) {
    if (generation != generation_) return;
    writing_ = false;
    if (ec) {
      drop(generation, "writing to redis failed: " + ec.message());
      return;
    }
    flush();
  };
  if (settings_.tls) {
    asio::async_write(*stream, asio::buffer(*sending), done);
  } else {
    asio::async_write(stream->next_layer(), asio::buffer(*sending), done);
  }
}

void RedisCache::drop(std::uint64_t generation, const std::string& cause) {
  if (generation != generation_ || !stream_) return;
  drop_cause_ = cause;
  up_ = false;  // fail fast from now on, before the read loop notices
  boost::system::error_code ignored;
  stream_->lowest_layer().close(ignored);
}

void RedisCache::fail_waiting(const std::string& cause) {
  for (auto& promise : waiting_) {
    promise->set_exception(std::make_exception_ptr(CacheUnavailable("redis: " + cause)));
  }
  waiting_.clear();
}

Reply RedisCache::execute(std::vector<std::string> argv) {
  auto deadline = std::chrono::steady_clock::now() + settings_.timeout;
  if (!up_) wait_for_first_attempt(deadline);
  if (!up_)
    throw CacheUnavailable("redis is unavailable: " + down_reason().value_or("reconnecting"));
  auto generation = generation_.load();
  auto promise = std::make_shared<Promise>();
  auto answer = promise->get_future();
  asio::post(io_, [this, bytes = resp::format(argv), promise]() mutable {
    enqueue(std::move(bytes), std::move(promise));
  });
  if (answer.wait_until(deadline) != std::future_status::ready) {
    std::string cause = "no answer within " + std::to_string(settings_.timeout.count()) + " ms";
    {
      // Open the circuit now, not when the I/O thread gets to it, so that the
      // next callers fail at once.
      std::lock_guard lock(state_mutex_);
      if (generation == generation_ && up_.exchange(false)) {
        down_cause_ = cause;
        spdlog::warn("redis: {} is unavailable: {}", settings_.redacted_url, cause);
      }
    }
    asio::post(io_, [this, generation, cause] { drop(generation, cause); });
    throw CacheUnavailable("redis: " + cause);
  }
  return answer.get();
}

}  // namespace prism::cache
