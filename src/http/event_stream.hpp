#pragma once

#include <functional>
#include <string>

namespace prism::http {

// The body of a streamed response (Server-Sent Events). The server pulls
// from it on the connection's I/O thread and never blocks: `read` returns
// what is ready now, and the producer calls the waker (from any thread) when
// more may be ready.
class EventSource {
 public:
  virtual ~EventSource() = default;
  // Called once, before the first read.
  virtual void set_waker(std::function<void()> wake) = 0;
  // Appends the bytes ready now to `out`; returns false once the stream has
  // ended and everything was appended.
  virtual bool read(std::string& out) = 0;
  // The client went away or the server is stopping; the producer may go on.
  virtual void close() {}
};

}  // namespace prism::http
