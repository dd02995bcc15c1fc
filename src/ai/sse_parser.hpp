#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace prism::ai {

// One Server-Sent Event as the WHATWG spec dispatches it.
struct SseEvent {
  std::string event = "message";  // the `event:` field, "message" when absent
  std::string data;               // `data:` lines joined with "\n"
  std::string id;                 // the last `id:` seen on the stream
};

// Incremental SSE parser: feed bytes split anywhere (even inside a line, a
// "\r\n" pair or a UTF-8 sequence); complete events come out in order.
// Lines end in "\n", "\r\n" or "\r"; comments (":") and unknown fields are
// ignored; an event is dispatched on a blank line and only if it had data.
class SseParser {
 public:
  using Handler = std::function<void(const SseEvent&)>;

  void feed(std::string_view bytes, const Handler& on_event);
  // Forgets everything buffered (a new response starts).
  void reset();

 private:
  void line(std::string_view text, const Handler& on_event);

  std::string buffer_;    // an incomplete line
  bool skip_lf_ = false;  // the previous chunk ended in "\r"
  bool at_start_ = true;  // a UTF-8 BOM may open the stream
  std::string event_;
  std::string data_;
  bool has_data_ = false;
  std::string last_id_;
};

}  // namespace prism::ai
