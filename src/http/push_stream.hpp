#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "http/event_stream.hpp"

namespace prism::http {

// An EventSource its producers feed from any thread: they push text (whole
// SSE events) and may end it; the connection reads what was pushed. A
// stream whose reader falls `max_buffered` bytes behind ends (its client
// reconnects). `closed()` runs once, when the client goes away or the
// server ends the stream; a subclass that overrides it calls close() in its
// own destructor.
class PushStream : public EventSource {
 public:
  explicit PushStream(std::string first = "", std::size_t max_buffered = 256 * 1024)
      : buffered_(std::move(first)), max_buffered_(max_buffered) {}

  void set_waker(std::function<void()> wake) override {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
  }
  bool read(std::string& out) override {
    std::lock_guard lock(mutex_);
    out += buffered_;
    buffered_.clear();
    return !ended_;
  }
  void close() override {
    {
      std::lock_guard lock(mutex_);
      if (closed_) return;
      closed_ = true;
      ended_ = true;
    }
    closed();
  }

  void push(std::string_view text) { feed(text, false, false); }
  // push() unless something pushed is still unread (a "something changed"
  // event needs sending once however often it changed).
  void push_once(std::string_view text) { feed(text, false, true); }
  // The next read reports the end, after what was pushed.
  void end() { feed({}, true, false); }

 protected:
  virtual void closed() {}

 private:
  void feed(std::string_view text, bool end, bool once) {
    std::function<void()> wake;
    {
      std::lock_guard lock(mutex_);
      if (ended_ || (once && !buffered_.empty())) return;
      buffered_ += text;
      ended_ = end || buffered_.size() > max_buffered_;
      wake = wake_;
    }
    if (wake) wake();
  }

  std::mutex mutex_;
  std::function<void()> wake_;
  std::string buffered_;
  const std::size_t max_buffered_;
  bool ended_ = false;
  bool closed_ = false;
};

}  // namespace prism::http
