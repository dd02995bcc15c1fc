#pragma once

// A local server speaking the OpenAI Chat Completions streaming format
// (POST /v1/chat/completions, SSE in chunked encoding, a usage chunk, then
// `data: [DONE]`), answering every request with `tokens` deltas, one every
// `interval`. Each delta's text is "@<µs>;": the time it was written, in
// microseconds of bench::now_us(), so the receiving end can measure how long
// the event took to get through.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include "bench_net.hpp"

namespace bench {

inline std::int64_t now_us() {
  static const auto epoch = std::chrono::steady_clock::now();
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                               epoch)
      .count();
}

class OpenAiStreamServer {
 public:
  OpenAiStreamServer(int tokens, std::chrono::microseconds interval)
      : tokens_(tokens), interval_(interval) {
    fd_ = listen_local(port_);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~OpenAiStreamServer() {
    stop_ = true;
    acceptor_.join();
    std::lock_guard lock(mu_);
    for (auto& t : threads_) t.join();
    ::close(fd_);
  }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  int requests() const { return requests_.load(); }
  int unfinished() const { return unfinished_.load(); }  // the client went away early

 private:
  void accept_loop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int fd = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      std::lock_guard lock(mu_);
      threads_.emplace_back([this, fd] {
        serve(fd);
        ::close(fd);
      });
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

  void serve(int fd) {
    Reader reader(fd);
    auto head = reader.until("\r\n\r\n", 30000);
    if (!head) return;
    std::string length = header_value(*head, "content-length");
    if (!length.empty() && !reader.exact(std::stoul(length), 30000)) return;
    ++requests_;
    std::string start =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
        data(R"({"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,)"
             R"("model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant",)"
             R"("content":""},"finish_reason":null}]})");
    if (!send_all(fd, start)) return ++unfinished_, void();
    auto next = std::chrono::steady_clock::now();
    for (int i = 0; i < tokens_; ++i) {
      next += interval_;
      std::this_thread::sleep_until(next);
      if (stop_ || !send_all(fd, delta("@" + std::to_string(now_us()) + ";", "null"))) {
        ++unfinished_;
        return;
      }
    }
    std::string end =
        delta("", "\"stop\"") +
        data(R"({"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1700000000,)"
             R"("model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":100,)"
             R"("completion_tokens":)" +
             std::to_string(tokens_) + R"(,"total_tokens":)" + std::to_string(tokens_ + 100) +
             "}}") +
        chunk("data: [DONE]\n\n") + "0\r\n\r\n";
    send_all(fd, end);
  }

  int tokens_;
  std::chrono::microseconds interval_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::atomic<int> unfinished_{0};
  std::thread acceptor_;
  std::mutex mu_;
  std::vector<std::thread> threads_;
};

}  // namespace bench
