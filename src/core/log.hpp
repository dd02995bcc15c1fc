#pragma once

#include <string>

namespace prism::log {

// Configures spdlog: LOG_FORMAT=json writes one JSON object per line (UTC
// timestamp, level, request id, message); text is for humans at a terminal.
void setup(const std::string& level, const std::string& format);

// The request id of the request this thread is serving, added to every log
// line written meanwhile. Handlers run synchronously on one thread, so a
// thread-local is exact.
void set_request_id(std::string id);
const std::string& request_id();

class RequestIdScope {
 public:
  explicit RequestIdScope(const std::string& id) { set_request_id(id); }
  ~RequestIdScope() { set_request_id({}); }
  RequestIdScope(const RequestIdScope&) = delete;
  RequestIdScope& operator=(const RequestIdScope&) = delete;
};

// Writes one access-log line: `fields` is a JSON object without braces'
// surrounding timestamp, e.g. "\"method\":\"GET\",\"status\":200".
void access(const std::string& fields);
// Whether access lines are written (LOG_LEVEL info or lower): callers skip
// formatting a line nobody reads.
bool access_enabled();

// JSON-escapes `s` (without surrounding quotes).
std::string json_escape(std::string_view s);

}  // namespace prism::log
