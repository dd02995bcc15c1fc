#include "support/sse_client.hpp"

#include <gtest/gtest.h>
#include <strings.h>

#include <stdexcept>

namespace prism::testing {

namespace {

using Clock = std::chrono::steady_clock;

// One "field: value" line of an SSE message (the space after ':' is optional).
void apply_line(const std::string& line, SseEvent& e, bool& has_field) {
  if (line.empty()) return;
  if (line[0] == ':') {
    e.comment_text = line.substr(line.size() > 1 && line[1] == ' ' ? 2 : 1);
    return;
  }
  auto colon = line.find(':');
  std::string field = line.substr(0, colon);
  std::string value;
  if (colon != std::string::npos) {
    value = line.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') value.erase(0, 1);
  }
  has_field = true;
  if (field == "id") {
    e.id = value;
  } else if (field == "event") {
    e.event = value;
  } else if (field == "data") {
    e.data += (e.data.empty() ? "" : "\n") + value;
  }
}

}  // namespace

SseClient::SseClient(int port, std::string path, std::string bearer,
                     std::optional<std::string> last_event_id, std::chrono::milliseconds timeout,
                     const std::vector<std::pair<std::string, std::string>>& extra_headers)
    : connection_(port) {
  std::string request = "GET " + path +
                        " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                        "Authorization: Bearer " +
                        bearer + "\r\n";
  if (last_event_id) request += "Last-Event-ID: " + *last_event_id + "\r\n";
  for (const auto& [name, value] : extra_headers) request += name + ": " + value + "\r\n";
  connection_.send(request + "\r\n");
  auto deadline = Clock::now() + timeout;
  auto head = connection_.read_until("\r\n\r\n", deadline);
  if (!head || !head->starts_with("HTTP/1.")) {
    throw std::runtime_error("no HTTP answer from GET " + path);
  }
  head_ = *head;
  status_ = std::stoi(head_.substr(9, 3));
  if (header("transfer-encoding").find("chunked") != std::string::npos) return;
  // Not a stream: an error document with a Content-Length.
  ended_ = true;
  std::string length = header("content-length");
  if (!length.empty()) {
    error_body_ = connection_.read_exact(std::stoul(length), deadline).value_or("");
  }
}

std::string SseClient::header(const std::string& name) const {
  std::size_t pos = head_.find("\r\n");
  while (pos != std::string::npos && pos + 2 < head_.size()) {
    std::size_t eol = head_.find("\r\n", pos + 2);
    std::string line = head_.substr(pos + 2, eol - pos - 2);
    auto colon = line.find(':');
    if (colon == name.size() && strncasecmp(line.c_str(), name.c_str(), name.size()) == 0) {
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      return value;
    }
    pos = eol;
  }
  return "";
}

bool SseClient::fill(Clock::time_point deadline) {
  while (text_.find("\n\n") == std::string::npos) {
    if (ended_) return false;
    auto size_line = connection_.read_until("\r\n", deadline);
    if (!size_line) return false;
    std::size_t size = std::stoul(*size_line, nullptr, 16);
    if (size == 0) {
      connection_.read_until("\r\n", deadline);  // the empty trailer
      ended_ = true;
      return false;
    }
    auto data = connection_.read_exact(size + 2, deadline);
    if (!data) return false;
    text_.append(*data, 0, size);
  }
  return true;
}

std::optional<SseEvent> SseClient::next(std::chrono::milliseconds timeout) {
  if (!fill(Clock::now() + timeout)) return std::nullopt;
  auto end = text_.find("\n\n");
  std::string block = text_.substr(0, end + 1);
  text_.erase(0, end + 2);
  SseEvent e;
  bool has_field = false;
  for (std::size_t pos = 0; pos < block.size();) {
    auto eol = block.find('\n', pos);
    apply_line(block.substr(pos, eol - pos), e, has_field);
    pos = eol + 1;
  }
  e.comment = !has_field;
  if (has_field && e.event.empty()) e.event = "message";
  return e;
}

std::vector<SseEvent> SseClient::read_to_end(std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  std::vector<SseEvent> events;
  while (auto e =
             next(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()))) {
    if (!e->comment) events.push_back(std::move(*e));
  }
  if (!ended_) ADD_FAILURE() << "the event stream did not end within " << timeout.count() << " ms";
  return events;
}

std::vector<SseEvent> SseClient::read_until_event(const std::string& name,
                                                  std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  std::vector<SseEvent> events;
  while (auto e =
             next(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()))) {
    if (e->comment) continue;
    events.push_back(std::move(*e));
    if (events.back().event == name) return events;
  }
  ADD_FAILURE() << "no \"" << name << "\" event within " << timeout.count() << " ms";
  return events;
}

}  // namespace prism::testing
