// A TCP proxy that adds a fixed delay to every byte a client sends, as a
// remote database would (PostgreSQL on Neon is a few milliseconds away):
// each round trip through it takes `delay` longer, whatever its size, and
// bytes keep their order. The answers come back at once. TLS passes through
// untouched, so sslmode=verify-full works through it as it does directly.
//
//   delay_proxy LISTEN_PORT UPSTREAM_PORT DELAY_MS
//
// Prints "ready" once it listens; runs until killed.
#include <array>
#include <boost/asio.hpp>
#include <chrono>
#include <cstdio>
#include <deque>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace asio = boost::asio;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket client, asio::io_context& io, unsigned short upstream,
          std::chrono::milliseconds delay)
      : client_(std::move(client)), server_(io), timer_(io), delay_(delay), upstream_(upstream) {}

  void start() {
    auto self = shared_from_this();
    server_.async_connect({asio::ip::make_address("127.0.0.1"), upstream_},
                          [self](boost::system::error_code ec) {
                            if (ec) return self->close();
                            self->client_.set_option(tcp::no_delay(true));
                            self->server_.set_option(tcp::no_delay(true));
                            self->read_client();
                            self->read_server();
                          });
  }

 private:
  struct Chunk {
    Clock::time_point due;
    std::string bytes;
  };

  // Client bytes wait `delay_` in order, then go to the server.
  void read_client() {
    auto self = shared_from_this();
    client_.async_read_some(asio::buffer(from_client_), [self](auto ec, std::size_t n) {
      if (ec) return self->close();
      bool idle = self->queue_.empty();
      self->queue_.push_back(
          {Clock::now() + self->delay_, std::string(self->from_client_.data(), n)});
      if (idle) self->send_next();
      self->read_client();
    });
  }

  void send_next() {
    if (queue_.empty()) return;
    auto self = shared_from_this();
    timer_.expires_at(queue_.front().due);
    timer_.async_wait([self](boost::system::error_code ec) {
      if (ec) return;
      asio::async_write(self->server_, asio::buffer(self->queue_.front().bytes),
                        [self](auto ec2, std::size_t) {
                          if (ec2) return self->close();
                          self->queue_.pop_front();
                          self->send_next();
                        });
    });
  }

  void read_server() {
    auto self = shared_from_this();
    server_.async_read_some(asio::buffer(from_server_), [self](auto ec, std::size_t n) {
      if (ec) return self->close();
      asio::async_write(self->client_, asio::buffer(self->from_server_.data(), n),
                        [self](auto ec2, std::size_t) {
                          if (ec2) return self->close();
                          self->read_server();
                        });
    });
  }

  void close() {
    boost::system::error_code ignored;
    client_.close(ignored);
    server_.close(ignored);
    timer_.cancel();
  }

  tcp::socket client_;
  tcp::socket server_;
  asio::steady_timer timer_;
  std::chrono::milliseconds delay_;
  unsigned short upstream_;
  std::array<char, 16384> from_client_{};
  std::array<char, 16384> from_server_{};
  std::deque<Chunk> queue_;
};

void accept_loop(tcp::acceptor& acceptor, asio::io_context& io, unsigned short upstream,
                 std::chrono::milliseconds delay) {
  acceptor.async_accept([&, upstream, delay](boost::system::error_code ec, tcp::socket socket) {
    if (!ec) std::make_shared<Session>(std::move(socket), io, upstream, delay)->start();
    accept_loop(acceptor, io, upstream, delay);
  });
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: delay_proxy LISTEN_PORT UPSTREAM_PORT DELAY_MS\n";
    return 2;
  }
  asio::io_context io;
  tcp::acceptor acceptor(
      io, {asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(std::stoi(argv[1]))});
  accept_loop(acceptor, io, static_cast<unsigned short>(std::stoi(argv[2])),
              std::chrono::milliseconds(std::stoi(argv[3])));
  std::cout << "ready" << std::endl;
  io.run();
}
