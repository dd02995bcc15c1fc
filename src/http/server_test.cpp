#include "http/server.hpp"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <future>
#include <mutex>
#include <thread>

namespace prism::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// A source fed by the test: what `push` adds becomes readable, `finish` ends it.
class TestSource : public EventSource {
 public:
  void set_waker(std::function<void()> wake) override {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
    if (wake_ready_) wake_ready_->set_value();
  }
  bool read(std::string& out) override {
    std::lock_guard lock(mutex_);
    out += pending_;
    pending_.clear();
    return !finished_;
  }
  void close() override { closed_ = true; }
  void push(std::string data, bool finish = false) {
    std::function<void()> wake;
    {
      std::lock_guard lock(mutex_);
      pending_ += data;
      finished_ = finish;
      wake = wake_;
    }
    if (wake) wake();
  }
  std::promise<void>* wake_ready_ = nullptr;
  std::atomic<bool> closed_{false};

 private:
  std::mutex mutex_;
  std::string pending_;
  bool finished_ = false;
  std::function<void()> wake_;
};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_->wake_ready_ = &wake_ready_;
    router_.add(beast_http::verb::get, "/events", [this](Request&) {
      return Response::event_stream(source_);
    }, Auth::kNone);
    router_.add(beast_http::verb::get, "/plain", [](Request&) {
      return Response::text("plain", "text/plain");
    }, Auth::kNone, Run::kInline);
    ServerOptions options;
    options.port = 0;
    options.sse_heartbeat = std::chrono::milliseconds(100);
    server_ = std::make_unique<Server>(options, dispatcher_, workers_);
    std::promise<unsigned short> port;
    thread_ = std::thread([&] { server_->run([&](unsigned short p) { port.set_value(p); }); });
    port_ = port.get_future().get();
  }
  void TearDown() override {
    server_->stop();
    thread_.join();
  }

  Router router_;
  Metrics metrics_;
  Dispatcher dispatcher_{router_, nullptr, metrics_, {}};
  WorkerPool workers_{2};
  std::unique_ptr<Server> server_;
  std::thread thread_;
  unsigned short port_ = 0;
  std::shared_ptr<TestSource> source_ = std::make_shared<TestSource>();
  std::promise<void> wake_ready_;
};

TEST_F(ServerTest, StreamsChunksAsTheyArriveWithHeartbeatsThenKeepsTheConnection) {
  asio::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  beast_http::request<beast_http::empty_body> req{beast_http::verb::get, "/events", 11};
  req.set(beast_http::field::host, "localhost");
  beast_http::write(socket, req);

  boost::beast::flat_buffer buffer;
  beast_http::response_parser<beast_http::string_body> parser;
  beast_http::read_header(socket, buffer, parser);
  EXPECT_EQ(parser.get().result(), Status::ok);
  EXPECT_EQ(parser.get()[beast_http::field::content_type], "text/event-stream; charset=utf-8");
  EXPECT_TRUE(parser.get().chunked());

  std::string received;
  auto on_chunk = [&](std::uint64_t, boost::beast::string_view body, boost::system::error_code&) {
    received.append(body.data(), body.size());
    return body.size();
  };
  parser.on_chunk_body(on_chunk);
  wake_ready_.get_future().wait();
  source_->push("id: 1\ndata: one\n\n");
  while (received.find("data: one") == std::string::npos) beast_http::read_some(socket, buffer, parser);
  // Nothing new for longer than the heartbeat: a comment keeps the connection
  // alive, once per heartbeat interval (100 ms here), not in a busy loop.
  auto quiet_since = std::chrono::steady_clock::now();
  while (received.find(": heartbeat") == std::string::npos) beast_http::read_some(socket, buffer, parser);
  EXPECT_GE(std::chrono::steady_clock::now() - quiet_since, std::chrono::milliseconds(90));
  while (std::chrono::steady_clock::now() - quiet_since < std::chrono::milliseconds(450)) {
    beast_http::read_some(socket, buffer, parser);
  }
  std::size_t heartbeats = 0;
  for (auto at = received.find(": heartbeat"); at != std::string::npos; at = received.find(": heartbeat", at + 1)) {
    ++heartbeats;
  }
  EXPECT_GE(heartbeats, 2u);
  EXPECT_LE(heartbeats, 6u);
  source_->push("id: 2\ndata: two\n\n", true);
  while (!parser.is_done()) beast_http::read_some(socket, buffer, parser);
  EXPECT_NE(received.find("data: two"), std::string::npos);
  EXPECT_TRUE(source_->closed_);

  // The same connection serves the next request.
  beast_http::request<beast_http::empty_body> plain{beast_http::verb::get, "/plain", 11};
  plain.set(beast_http::field::host, "localhost");
  beast_http::write(socket, plain);
  beast_http::response<beast_http::string_body> res;
  beast_http::read(socket, buffer, res);
  EXPECT_EQ(res.body(), "plain");
}

TEST_F(ServerTest, AClientThatGoesAwayClosesTheSource) {
  {
    asio::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
    beast_http::request<beast_http::empty_body> req{beast_http::verb::get, "/events", 11};
    req.set(beast_http::field::host, "localhost");
    beast_http::write(socket, req);
    wake_ready_.get_future().wait();
  }
  // Writes to a closed socket fail within a few attempts.
  for (int i = 0; i < 200 && !source_->closed_; ++i) {
    source_->push(std::string(4096, 'x'));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(source_->closed_);
}

// HEAD of a streamed answer is its head alone: the stream never runs, and
// the connection goes on with the next request.
TEST_F(ServerTest, HeadOfAStreamIsItsHeadAndClosesTheSource) {
  asio::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  beast_http::request<beast_http::empty_body> head{beast_http::verb::head, "/events", 11};
  head.set(beast_http::field::host, "localhost");
  beast_http::write(socket, head);
  boost::beast::flat_buffer buffer;
  beast_http::response_parser<beast_http::empty_body> parser;
  parser.skip(true);  // a response to HEAD has no body, whatever its fields say
  beast_http::read(socket, buffer, parser);
  EXPECT_EQ(parser.get().result(), Status::ok);
  EXPECT_EQ(parser.get()[beast_http::field::content_type], "text/event-stream; charset=utf-8");
  EXPECT_TRUE(parser.get().chunked());
  EXPECT_TRUE(source_->closed_);

  beast_http::request<beast_http::empty_body> plain{beast_http::verb::get, "/plain", 11};
  plain.set(beast_http::field::host, "localhost");
  beast_http::write(socket, plain);
  beast_http::response<beast_http::string_body> res;
  beast_http::read(socket, buffer, res);
  EXPECT_EQ(res.body(), "plain");
}

}  // namespace
}  // namespace prism::http
