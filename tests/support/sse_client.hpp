#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "support/raw_connection.hpp"

namespace prism::testing {

// One Server-Sent Events message as a browser's EventSource sees it, or a
// comment line (": heartbeat").
struct SseEvent {
  std::string id;
  std::string event;  // "message" when the server named none
  std::string data;   // data lines joined with "\n"
  bool comment = false;
  std::string comment_text;  // without the leading ':' and one space
};

// A test client for a text/event-stream endpoint (GET /generations/{id}/events):
// sends the request with a bearer token, an optional Last-Event-ID and any
// other headers (MCP's Mcp-Session-Id) over a
// RawConnection, then reads the chunked body incrementally, event by event,
// so a test can stop reading, or close the connection, at any point.
class SseClient {
 public:
  SseClient(int port, std::string path, std::string bearer,
            std::optional<std::string> last_event_id = std::nullopt,
            std::chrono::milliseconds timeout = std::chrono::seconds(10),
            const std::vector<std::pair<std::string, std::string>>& extra_headers = {});

  int status() const { return status_; }
  // A response header (case-insensitive name); "" when absent.
  std::string header(const std::string& name) const;
  // The whole body when the answer is not a stream (an error document).
  const std::string& error_body() const { return error_body_; }

  // The next event or comment; nullopt at the end of the stream, when the
  // connection closed or on timeout (ended() tells which).
  std::optional<SseEvent> next(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // The events (comments skipped) until the stream ends; fails the current
  // test when it does not end within `timeout`.
  std::vector<SseEvent> read_to_end(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // Events (comments skipped) until one named `name` arrived (included).
  std::vector<SseEvent> read_until_event(
      const std::string& name, std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // Whether the server sent the last chunk (a clean end of the stream).
  bool ended() const { return ended_; }
  // Goes away mid-stream, like a browser tab being closed.
  void close() { connection_.close(); }

 private:
  // Decodes chunks into `text_` until it holds a complete message.
  bool fill(std::chrono::steady_clock::time_point deadline);

  RawConnection connection_;
  int status_ = 0;
  std::string head_;
  std::string error_body_;
  std::string text_;  // decoded body bytes not yet parsed
  bool ended_ = false;
};

}  // namespace prism::testing
