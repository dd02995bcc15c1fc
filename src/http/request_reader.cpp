#include "http/request_reader.hpp"

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <memory>
#include <optional>

#include "http/request_head.hpp"
#include "http/wire.hpp"

// GCC 12 at -O1 takes the frames of these coroutines, allocated and freed by
// Asio's awaitable_frame_base operators, for a mismatched new/delete pair: a
// false positive, silenced for this file only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace prism::http {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using asio::awaitable;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

constexpr std::size_t kHeaderLimit = 16 * 1024;
constexpr std::size_t kFirstRead = 4096;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

// A deadline for the reads of one request. When it passes, the connection's
// pending operations are cancelled but the socket stays open, so that a 408
// can still be sent (beast::tcp_stream's own timeout closes the socket).
class Deadline {
 public:
  Deadline(beast::tcp_stream& stream, std::chrono::steady_clock::duration after)
      : state_(std::make_shared<State>(stream)) {
    stream.expires_never();
    state_->timer.expires_after(after);
    // Weak: a deadline that is gone (the reads ended) must not cancel
    // anything, even when its timer had already fired.
    state_->timer.async_wait(
        [weak = std::weak_ptr<State>(state_)](const boost::system::error_code& ec) {
          auto state = weak.lock();
          if (ec || !state) return;
          state->expired = true;
          boost::system::error_code ignored;
          state->socket->cancel(ignored);
        });
  }
  Deadline(const Deadline&) = delete;
  Deadline& operator=(const Deadline&) = delete;
  bool expired() const { return state_->expired; }

 private:
  struct State {
    explicit State(beast::tcp_stream& stream)
        : timer(stream.get_executor()), socket(&stream.socket()) {}
    asio::steady_timer timer;
    tcp::socket* socket;
    bool expired = false;
  };
  std::shared_ptr<State> state_;
};

// A malformed message (as opposed to a closed or timed-out connection),
// which deserves a 400 before the connection is closed.
bool is_parse_error(const boost::system::error_code& ec) {
  static const auto& category =
      beast_http::make_error_code(beast_http::error::bad_target).category();
  return ec.category() == category && ec != beast_http::error::end_of_stream &&
         ec != beast_http::error::partial_message;
}

// What a failed read of a request deserves before the connection closes:
// nothing for a client that went away, an answer for everything else.
std::optional<Error> read_failure(const boost::system::error_code& ec, bool timed_out) {
  if (timed_out) return Error(ErrorCode::kRequestTimeout, "the request did not arrive in time");
  if (ec == beast_http::error::body_limit)
    return Error(ErrorCode::kPayloadTooLarge, "the body exceeds the size limit");
  if (ec == beast_http::error::header_limit)
    return Error(ErrorCode::kHeaderFieldsTooLarge, "the request headers are too large");
  if (is_parse_error(ec)) return Error(ErrorCode::kBadRequest, "the request is not valid HTTP/1.1");
  return std::nullopt;
}

// Answers a request that is not served, then closes the connection gently:
// closing a socket with unread request bytes makes the kernel send a reset,
// which can destroy the answer before the client reads it. So stop sending,
// then read and drop what still comes, for a bounded time and size.
awaitable<void> refuse(beast::tcp_stream& stream, RawResponse res) {
  stream.expires_after(std::chrono::seconds(5));
  auto [wec, wn] = co_await write_response(stream, res);
  boost::system::error_code ec;
  if (!wec) stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (wec || ec) co_return;
  stream.expires_after(std::chrono::seconds(2));
  std::array<char, 4096> sink;
  for (std::size_t drained = 0; drained < 256 * 1024;) {
    auto [rec, rn] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
    if (rec) break;
    drained += rn;
  }
}

}  // namespace

awaitable<std::tuple<boost::system::error_code, std::size_t>> write_response(
    beast::tcp_stream& stream, const RawResponse& res) {
  std::string head = wire_head(res);
  std::array<asio::const_buffer, 2> buffers{asio::buffer(head), asio::buffer(res.body())};
  co_return co_await asio::async_write(stream, buffers, kTuple);
}

awaitable<bool> read_request(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                             RequestParser& parser, const Dispatcher& dispatcher,
                             ReadTimeouts timeouts, const std::string& client_ip) {
  parser.body_limit(dispatcher.largest_body_limit());
  parser.header_limit(kHeaderLimit);
  if (buffer.size() == 0) {
    // An idle connection keeps no more than one first read's worth of
    // buffer (a large earlier request's is given back); a kept-alive
    // connection with a small buffer keeps it, so reads allocate nothing.
    if (buffer.capacity() > kFirstRead) buffer.shrink_to_fit();
    stream.expires_after(timeouts.idle);
    auto [ec, n] = co_await stream.async_read_some(buffer.prepare(kFirstRead), kTuple);
    if (ec) co_return false;
    buffer.commit(n);
  }

  std::optional<Deadline> deadline;
  deadline.emplace(stream, timeouts.read);
  auto [hec, hn] = co_await beast_http::async_read_header(stream, buffer, parser, kTuple);
  if (hec) {
    if (auto error = read_failure(hec, deadline->expired()))
      co_await refuse(stream, dispatcher.reject(*error, client_ip));
    co_return false;
  }
  if (auto problem = check_request_head(parser.get())) {
    co_await refuse(stream, dispatcher.reject(Error(problem->code, problem->detail), client_ip));
    co_return false;
  }
  std::size_t limit = dispatcher.body_limit(parser.get().method(), parser.get().target());
  if (auto length = parser.content_length(); length && *length > limit) {
    Error too_large(ErrorCode::kPayloadTooLarge, "the body exceeds the size limit");
    co_await refuse(stream, dispatcher.reject(too_large, client_ip));
    co_return false;
  }
  parser.body_limit(limit);

  deadline.emplace(stream, timeouts.read);
  if (!parser.is_done() && expects_continue(parser.get())) {
    auto [cec, cn] = co_await asio::async_write(stream, asio::buffer(kContinue), kTuple);
    if (cec) co_return false;
  }
  auto [bec, bn] = co_await beast_http::async_read(stream, buffer, parser, kTuple);
  if (bec) {
    if (auto error = read_failure(bec, deadline->expired()))
      co_await refuse(stream, dispatcher.reject(*error, client_ip));
    co_return false;
  }
  co_return true;
}

}  // namespace prism::http
