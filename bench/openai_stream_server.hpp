#pragma once

// A local server speaking the OpenAI Chat Completions streaming format
// (POST /v1/chat/completions, SSE in chunked encoding, a usage chunk, then
// `data: [DONE]`), answering every request with `tokens` deltas, one every
// `interval`. Each delta's text is "@<µs>;": the time it was written, in
// microseconds of bench::now_us(), so the receiving end can measure how long
// the event took to get through.
//
// Every connection is served by one epoll thread with a queue of due
// deltas: a thread per stream would make the load generator, which shares
// the machine's cores with PRISM, cost more than PRISM itself, and its
// scheduling delays would be counted as PRISM's.
#include <fcntl.h>
#include <sys/epoll.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <queue>
#include <thread>
#include <unordered_map>
#include <vector>

#include "bench_net.hpp"

namespace bench {

inline std::int64_t now_us() {
  static const auto epoch = std::chrono::steady_clock::now();
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                               epoch)
      .count();
}

inline void set_nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

class OpenAiStreamServer {
 public:
  OpenAiStreamServer(int tokens, std::chrono::microseconds interval)
      : tokens_(tokens), interval_us_(interval.count()) {
    fd_ = listen_local(port_);
    set_nonblocking(fd_);
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    watch(fd_, kListener, EPOLLIN, EPOLL_CTL_ADD);
    thread_ = std::thread([this] { loop(); });
  }
  ~OpenAiStreamServer() {
    stop_ = true;
    thread_.join();
    for (auto& [id, c] : conns_) ::close(c->fd);
    ::close(epoll_);
    ::close(fd_);
  }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  int requests() const { return requests_.load(); }
  int unfinished() const { return unfinished_.load(); }  // the client went away early

 private:
  static constexpr std::uint64_t kListener = 0;

  struct Conn {
    int fd = -1;
    std::string in, out;
    bool streaming = false, closing = false;
    int sent = 0;
  };

  void watch(int fd, std::uint64_t id, std::uint32_t events, int op) {
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = id;
    ::epoll_ctl(epoll_, op, fd, &ev);
  }

  void loop() {
    epoll_event events[256];
    while (!stop_) {
      int wait_ms = 50;
      if (!due_.empty()) {
        auto until = due_.top().first - now_us();
        wait_ms = until <= 0 ? 0 : static_cast<int>(std::min<std::int64_t>((until + 999) / 1000, 50));
      }
      int n = ::epoll_wait(epoll_, events, 256, wait_ms);
      for (int i = 0; i < n; ++i) {
        std::uint64_t id = events[i].data.u64;
        if (id == kListener) {
          accept_all();
          continue;
        }
        auto it = conns_.find(id);
        if (it == conns_.end()) continue;
        if (events[i].events & EPOLLOUT) flush(id, *it->second);
        if (conns_.count(id) && (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) {
          readable(id, *it->second);
        }
      }
      send_due();
    }
  }

  void accept_all() {
    for (;;) {
      int fd = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
      if (fd < 0) return;
      int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      std::uint64_t id = ++next_id_;
      auto c = std::make_unique<Conn>();
      c->fd = fd;
      conns_.emplace(id, std::move(c));
      watch(fd, id, EPOLLIN, EPOLL_CTL_ADD);
    }
  }

  void close_conn(std::uint64_t id, Conn& c) {
    if (c.streaming && c.sent < tokens_) ++unfinished_;
    ::close(c.fd);  // also leaves the epoll set
    conns_.erase(id);
  }

  void readable(std::uint64_t id, Conn& c) {
    char buf[16384];
    for (;;) {
      ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) return close_conn(id, c);
      if (n < 0) break;
      if (!c.streaming) c.in.append(buf, static_cast<std::size_t>(n));
    }
    if (c.streaming) return;
    std::size_t head_end = c.in.find("\r\n\r\n");
    if (head_end == std::string::npos) return;
    std::string length = header_value(c.in.substr(0, head_end + 4), "content-length");
    if (!length.empty() && c.in.size() < head_end + 4 + std::stoul(length)) return;
    ++requests_;
    c.streaming = true;
    c.in.clear();
    send(id, c,
         "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
         "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
             data(R"({"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,)"
                  R"("model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant",)"
                  R"("content":""},"finish_reason":null}]})"));
    if (conns_.count(id)) due_.emplace(now_us() + interval_us_, id);
  }

  // Sends now what the socket takes, keeps the rest for EPOLLOUT.
  void send(std::uint64_t id, Conn& c, const std::string& bytes) {
    if (!c.out.empty()) {
      c.out += bytes;
      return;
    }
    ssize_t n = ::send(c.fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return close_conn(id, c);
    std::size_t done = n < 0 ? 0 : static_cast<std::size_t>(n);
    if (done < bytes.size()) {
      c.out.assign(bytes, done);
      watch(c.fd, id, EPOLLIN | EPOLLOUT, EPOLL_CTL_MOD);
    } else if (c.closing) {
      close_conn(id, c);
    }
  }

  void flush(std::uint64_t id, Conn& c) {
    std::string pending;
    pending.swap(c.out);
    watch(c.fd, id, EPOLLIN, EPOLL_CTL_MOD);
    send(id, c, pending);
  }

  void send_due() {
    std::int64_t now = now_us();
    while (!due_.empty() && due_.top().first <= now) {
      auto [at, id] = due_.top();
      due_.pop();
      auto it = conns_.find(id);
      if (it == conns_.end()) continue;
      Conn& c = *it->second;
      if (++c.sent < tokens_) {
        send(id, c, delta("@" + std::to_string(now_us()) + ";", "null"));
        if (conns_.count(id)) due_.emplace(at + interval_us_, id);
        continue;
      }
      c.closing = true;
      send(id, c,
           delta("@" + std::to_string(now_us()) + ";", "null") + delta("", "\"stop\"") +
               data(R"({"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,)"
                    R"("model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":100,)"
                    R"("completion_tokens":)" +
                    std::to_string(tokens_) + R"(,"total_tokens":)" + std::to_string(tokens_ + 100) +
                    "}}") +
               chunk("data: [DONE]\n\n") + "0\r\n\r\n");
    }
  }

  static std::string chunk(const std::string& event) {
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", event.size());
    return size + event + "\r\n";
  }

  static std::string data(const std::string& json) { return chunk("data: " + json + "\n\n"); }

  static std::string delta(const std::string& content, const char* finish) {
    return data(R"({"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,)"
                R"("model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":")" +
                content + R"("},"finish_reason":)" + finish + "}]}");
  }

  int tokens_;
  std::int64_t interval_us_;
  int fd_ = -1;
  int port_ = 0;
  int epoll_ = -1;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::atomic<int> unfinished_{0};
  // Loop thread only.
  std::uint64_t next_id_ = kListener;
  std::unordered_map<std::uint64_t, std::unique_ptr<Conn>> conns_;
  using Due = std::pair<std::int64_t, std::uint64_t>;  // when, connection
  std::priority_queue<Due, std::vector<Due>, std::greater<>> due_;
  std::thread thread_;
};

}  // namespace bench
