#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <thread>

#include "core/thread_name.hpp"
#include "http/request_reader.hpp"
#include "http/wire.hpp"

namespace prism::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto kTuple = asio::as_tuple(use_awaitable);

struct ConnectionTask {
  // Static with the server as a parameter: a coroutine frame copies its
  // parameters, but a member coroutine would keep a dangling `this`.
  static awaitable<void> serve(Server& server, tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    std::string ip;
    boost::system::error_code ec;
    auto endpoint = stream.socket().remote_endpoint(ec);
    if (!ec) ip = endpoint.address().to_string();
    beast::flat_buffer buffer;
    const Dispatcher& dispatcher = server.dispatcher_;

    const ReadTimeouts timeouts{server.options_.idle_timeout, server.options_.read_timeout};

    while (!server.stopping_) {
      RequestParser parser;
      if (!co_await read_request(stream, buffer, parser, dispatcher, timeouts, ip)) break;

      const RawRequest& raw = parser.get();
      server.busy_.fetch_add(1);
      auto exchange = dispatcher.begin(raw, ip);
      Response res;
      if (dispatcher.needs_worker(exchange)) {
        res = co_await on_workers(server, exchange);
      } else {
        res = dispatcher.run(exchange);
      }
      bool keep_alive = raw.keep_alive() && !server.stopping_;
      // A streamed answer to HEAD is only its head: finish() closes the source.
      if (res.stream && raw.method() != beast_http::verb::head) {
        auto source = res.stream;
        auto head = dispatcher.finish(exchange, std::move(res), keep_alive);
        server.busy_.fetch_sub(1);  // a stream does not hold up shutdown
        if (!co_await stream_events(server, stream, std::move(head), *source) || !keep_alive) break;
        continue;
      }
      auto out = dispatcher.finish(exchange, std::move(res), keep_alive);
      stream.expires_after(server.options_.read_timeout);
      auto [wec, wn] = co_await write_response(stream, out);
      server.busy_.fetch_sub(1);
      if (wec || !keep_alive) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  // Writes the header, then the source's bytes as chunks as they become
  // ready, a comment line as heartbeat when nothing came for a while, and
  // the last chunk when the source ends. Returns false when the connection
  // must close (write error, server stopping).
  static awaitable<bool> stream_events(Server& server, beast::tcp_stream& stream,
                                       RawResponse head_fields, EventSource& source) {
    beast_http::response<beast_http::empty_body> head{head_fields.result(), head_fields.version()};
    for (const auto& field : head_fields) head.set(field.name_string(), field.value());
    head.chunked(true);
    head.keep_alive(head_fields.keep_alive());
    beast_http::response_serializer<beast_http::empty_body> serializer{head};
    stream.expires_after(server.options_.read_timeout);
    auto [hec, hn] = co_await beast_http::async_write_header(stream, serializer, kTuple);
    if (hec) {
      source.close();
      co_return false;
    }

    // The waker may run on any thread; it only posts to this connection's
    // I/O context, where the timer lives, and must survive the connection.
    struct WakeState {
      asio::steady_timer timer;
      bool woken = false;
      explicit WakeState(asio::any_io_executor ex) : timer(ex) {}
    };
    auto executor = co_await asio::this_coro::executor;
    auto state = std::make_shared<WakeState>(executor);
    std::weak_ptr<WakeState> weak = state;
    source.set_waker([weak, executor] {
      asio::post(executor, [weak] {
        if (auto s = weak.lock()) {
          s->woken = true;
          s->timer.cancel();
        }
      });
    });

    std::string chunk;
    bool open = true;
    while (open && !server.stopping_) {
      chunk.clear();
      state->woken = false;
      open = source.read(chunk);
      if (chunk.empty() && open) {
        state->timer.expires_after(server.options_.sse_heartbeat);
        co_await state->timer.async_wait(kTuple);
        if (state->woken || server.stopping_) continue;
        chunk = ": heartbeat\n\n";
      }
      if (chunk.empty()) continue;
      stream.expires_after(server.options_.read_timeout);
      auto [wec, wn] =
          co_await asio::async_write(stream, beast_http::make_chunk(asio::buffer(chunk)), kTuple);
      if (wec) {
        source.close();
        co_return false;
      }
    }
    source.close();
    if (server.stopping_) co_return false;
    stream.expires_after(server.options_.read_timeout);
    auto [lec, ln] = co_await asio::async_write(stream, beast_http::make_chunk_last(), kTuple);
    co_return !lec;
  }

  // Runs the exchange on a worker thread and resumes the connection's
  // coroutine on its own I/O thread with the answer: one post there and one
  // back, with no coroutine of its own in between.
  static awaitable<Response> on_workers(Server& server, Dispatcher::Exchange& exchange) {
    server.queued_.fetch_add(1, std::memory_order_relaxed);
    return asio::async_initiate<decltype(use_awaitable), void(std::exception_ptr, Response)>(
        [&server, &exchange](auto handler) {
          auto io = asio::get_associated_executor(handler);
          asio::post(server.workers_.executor(), [&server, &exchange, io,
                                                  handler = std::move(handler)]() mutable {
            server.queued_.fetch_sub(1, std::memory_order_relaxed);
            std::exception_ptr error;
            Response res;
            try {
              res = server.dispatcher_.run(exchange);
            } catch (...) {
              error = std::current_exception();
            }
            asio::post(io, [handler = std::move(handler), error, res = std::move(res)]() mutable {
              std::move(handler)(error, std::move(res));
            });
          });
        },
        use_awaitable);
  }
};

Server::Server(ServerOptions options, Dispatcher& dispatcher, WorkerPool& workers)
    : options_(std::move(options)), dispatcher_(dispatcher), workers_(workers), contexts_() {
  for (int i = 0; i < std::max(1, options_.io_threads); ++i) {
    contexts_.push_back(std::make_unique<asio::io_context>(1));
  }
}

void Server::run(const std::function<void(unsigned short)>& on_listening) {
  asio::io_context& main = *contexts_.front();
  tcp::acceptor acceptor(main);
  tcp::endpoint endpoint(asio::ip::make_address(options_.host), options_.port);
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  boost::system::error_code ec;
  acceptor.bind(endpoint, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + options_.host + ":" +
                             std::to_string(options_.port) + ": " + ec.message());
  }
  acceptor.listen(asio::socket_base::max_listen_connections);
  if (on_listening) on_listening(acceptor.local_endpoint().port());

  asio::co_spawn(
      main,
      [&]() -> awaitable<void> {
        for (std::size_t next = 0;; ++next) {
          // Connections are dealt round-robin to the I/O threads' contexts; a
          // context has one thread, so a connection's coroutine, timers and the
          // wake-ups of a streamed answer never run concurrently.
          auto& context = *contexts_[next % contexts_.size()];
          auto [aec, socket] =
              co_await acceptor.async_accept(asio::any_io_executor(context.get_executor()), kTuple);
          if (aec) {
            if (aec == asio::error::operation_aborted || stopping_) co_return;
            continue;  // e.g. EMFILE: keep serving the connections we have
          }
          socket.set_option(tcp::no_delay(true));
          auto executor = socket.get_executor();
          asio::co_spawn(executor, ConnectionTask::serve(*this, std::move(socket)), asio::detached);
        }
      },
      asio::detached);

  asio::signal_set signals(main, SIGINT, SIGTERM);
  asio::steady_timer drain(main);
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  for (auto& context : contexts_) guards.emplace_back(context->get_executor());
  shutdown_ = [&](const std::string& why) {
    if (stopping_.exchange(true)) return;
    spdlog::info("{}: draining {} in-flight request(s)", why, busy_.load());
    signals.cancel();
    acceptor.close();
    auto deadline = std::chrono::steady_clock::now() + options_.shutdown_grace;
    asio::co_spawn(
        main,
        [&, deadline]() -> awaitable<void> {
          while (busy_.load() > 0 && std::chrono::steady_clock::now() < deadline) {
            drain.expires_after(std::chrono::milliseconds(10));
            co_await drain.async_wait(kTuple);
          }
          if (busy_.load() > 0)
            spdlog::warn("shutdown deadline passed with {} request(s) in flight", busy_.load());
          for (auto& context : contexts_) context->stop();
        },
        asio::detached);
  };
  signals.async_wait([&](const boost::system::error_code& sec, int signo) {
    if (!sec) shutdown_("signal " + std::to_string(signo) + " received");
  });

  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < contexts_.size(); ++i) {
    threads.emplace_back([context = contexts_[i].get(), i] {
      name_this_thread("prism-io-" + std::to_string(i));
      context->run();
    });
  }
  name_this_thread("prism-io-0");
  main.run();
  for (auto& t : threads) t.join();
  shutdown_ = nullptr;
}

void Server::stop() {
  asio::post(*contexts_.front(), [this] {
    if (shutdown_) shutdown_("stop requested");
  });
}

}  // namespace prism::http
