#pragma once

// Many Server-Sent Event clients on one epoll thread: each follows one
// generation's /events answer (chunked text/event-stream) until its `done`
// or `error` event. For every delta it records the latency from the time
// written into the text by the provider ("@<µs>;", see
// openai_stream_server.hpp) to the moment its bytes were read here.
#include <sys/epoll.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "openai_stream_server.hpp"

namespace bench {

struct Stream {
  int deltas = 0;
  bool done = false;
  std::string error;             // the error event or what went wrong
  std::vector<double> added_ms;  // per delta: client receipt − provider write
};

class SseClients {
 public:
  explicit SseClients(std::size_t count) : streams_(count), states_(count) {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    thread_ = std::thread([this] { loop(); });
  }
  ~SseClients() {
    stop_ = true;
    thread_.join();
    for (auto& s : states_) {
      if (s && s->fd >= 0) ::close(s->fd);
    }
    ::close(epoll_);
  }

  // Follows the answer to a GET …/events already sent on `fd`. Events
  // written by the provider before `subscribed_us` arrive as a catch-up and
  // are not counted as latency.
  void follow(std::size_t index, int fd, std::int64_t subscribed_us) {
    auto state = std::make_unique<State>();
    state->fd = fd;
    state->subscribed = subscribed_us;
    set_nonblocking(fd);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = index;
    states_[index] = std::move(state);
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev);
  }

  // Marks a stream that could not start as finished.
  void failed(std::size_t index, std::string why) {
    streams_[index].error = std::move(why);
    finish_one();
  }

  // Waits until every stream has ended; then the results are stable.
  const std::vector<Stream>& wait() {
    std::unique_lock lock(mutex_);
    all_done_.wait(lock, [&] { return finished_ == streams_.size(); });
    return streams_;
  }

 private:
  struct State {
    int fd = -1;
    std::int64_t subscribed = 0;
    bool head = true;
    std::size_t chunk_left = 0;  // bytes of the current chunk still to come, + CRLF
    std::string raw, text;
  };

  void loop() {
    epoll_event events[256];
    char buf[65536];
    while (!stop_) {
      int n = ::epoll_wait(epoll_, events, 256, 50);
      for (int i = 0; i < n; ++i) {
        std::size_t index = events[i].data.u64;
        State& s = *states_[index];
        for (;;) {
          ssize_t got = ::recv(s.fd, buf, sizeof buf, 0);
          if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
          if (got <= 0) {
            end(index, "the connection closed before the done event");
            break;
          }
          s.raw.append(buf, static_cast<std::size_t>(got));
          if (!parse(index, s, now_us())) break;
        }
      }
    }
  }

  // Decodes HTTP head, chunks and SSE messages; false once the stream ended.
  bool parse(std::size_t index, State& s, std::int64_t received) {
    std::size_t at = 0;
    bool open = true;
    while (open) {
      if (s.head) {
        std::size_t end_of_head = s.raw.find("\r\n\r\n", at);
        if (end_of_head == std::string::npos) break;
        if (s.raw.compare(at, 12, "HTTP/1.1 200") != 0) {
          end(index, "events answered: " + s.raw.substr(at, s.raw.find("\r\n", at) - at));
          return false;
        }
        s.head = false;
        at = end_of_head + 4;
      } else if (s.chunk_left == 0) {
        std::size_t eol = s.raw.find("\r\n", at);
        if (eol == std::string::npos) break;
        s.chunk_left = std::strtoul(s.raw.c_str() + at, nullptr, 16) + 2;
        at = eol + 2;
        if (s.chunk_left == 2) {
          end(index, "the stream ended before the done event");
          return false;
        }
      } else {
        std::size_t take = std::min(s.chunk_left, s.raw.size() - at);
        if (take == 0) break;
        // The chunk's trailing CRLF is not part of the text.
        std::size_t text_part = s.chunk_left > 2 ? std::min(take, s.chunk_left - 2) : 0;
        s.text.append(s.raw, at, text_part);
        at += take;
        s.chunk_left -= take;
        open = messages(index, s, received);
      }
    }
    s.raw.erase(0, at);
    return open;
  }

  bool messages(std::size_t index, State& s, std::int64_t received) {
    std::size_t start = 0, end_of_message;
    bool open = true;
    while (open && (end_of_message = s.text.find("\n\n", start)) != std::string::npos) {
      std::string_view message(s.text.data() + start, end_of_message - start);
      start = end_of_message + 2;
      if (message.find("event: delta") != std::string_view::npos) {
        Stream& out = streams_[index];
        ++out.deltas;
        for (std::size_t p = message.find('@'); p != std::string_view::npos;
             p = message.find('@', p + 1)) {
          std::int64_t written = std::strtoll(message.data() + p + 1, nullptr, 10);
          if (written >= s.subscribed) {
            out.added_ms.push_back(static_cast<double>(received - written) / 1000);
          }
        }
      } else if (message.find("event: done") != std::string_view::npos) {
        streams_[index].done = true;
        end(index, "");
        open = false;
      } else if (message.find("event: error") != std::string_view::npos) {
        end(index, std::string(message));
        open = false;
      }
    }
    s.text.erase(0, start);
    return open;
  }

  void end(std::size_t index, const std::string& error) {
    State& s = *states_[index];
    if (s.fd < 0) return;
    ::close(s.fd);
    s.fd = -1;
    if (!error.empty()) streams_[index].error = error;
    finish_one();
  }

  void finish_one() {
    std::lock_guard lock(mutex_);
    if (++finished_ == streams_.size()) all_done_.notify_all();
  }

  std::vector<Stream> streams_;
  std::vector<std::unique_ptr<State>> states_;
  int epoll_ = -1;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::condition_variable all_done_;
  std::size_t finished_ = 0;
  std::thread thread_;
};

}  // namespace bench
