#include "ai/sse_parser.hpp"

namespace prism::ai {

void SseParser::reset() { *this = SseParser{}; }

void SseParser::feed(std::string_view bytes, const Handler& on_event) {
  for (char c : bytes) {
    if (skip_lf_) {
      skip_lf_ = false;
      if (c == '\n') continue;
    }
    if (c == '\r' || c == '\n') {
      skip_lf_ = c == '\r';
      std::string text = std::move(buffer_);
      buffer_.clear();
      line(text, on_event);
      continue;
    }
    buffer_.push_back(c);
    if (at_start_ && buffer_.size() == 3) {
      if (buffer_ == "\xEF\xBB\xBF") buffer_.clear();
      at_start_ = false;
    }
  }
}

void SseParser::line(std::string_view text, const Handler& on_event) {
  at_start_ = false;
  if (text.empty()) {
    if (has_data_) {
      SseEvent event;
      if (!event_.empty()) event.event = event_;
      event.data = std::move(data_);
      event.id = last_id_;
      data_.clear();
      event_.clear();
      has_data_ = false;
      on_event(event);
    }
    event_.clear();
    return;
  }
  if (text.front() == ':') return;  // a comment, e.g. a keep-alive
  std::string_view field = text;
  std::string_view value;
  if (auto colon = text.find(':'); colon != std::string_view::npos) {
    field = text.substr(0, colon);
    value = text.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "data") {
    if (has_data_) data_.push_back('\n');
    data_.append(value);
    has_data_ = true;
  } else if (field == "event") {
    event_ = std::string(value);
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) last_id_ = std::string(value);
  }
}

}  // namespace prism::ai
