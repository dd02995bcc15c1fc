#pragma once

#include <boost/beast/http/status.hpp>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/json.hpp"
#include "http/event_stream.hpp"

namespace prism::http {

using Status = boost::beast::http::status;

struct Response {
  Status status = Status::ok;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set for a streamed (text/event-stream) answer; `body` is then unused.
  std::shared_ptr<EventSource> stream;

  Response& header(std::string name, std::string value) & {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  // On a temporary (`return Response::json(…).header(…)`): moved on, not copied.
  Response&& header(std::string name, std::string value) && {
    headers.emplace_back(std::move(name), std::move(value));
    return std::move(*this);
  }

  // Built field by field: members left out keep their defaults.
  static Response json(const json::value& v, Status status = Status::ok) {
    return text(json::serialize(v), "application/json", status);
  }
  static Response text(std::string body, std::string content_type, Status status = Status::ok) {
    Response res;
    res.status = status;
    res.content_type = std::move(content_type);
    res.body = std::move(body);
    return res;
  }
  static Response no_content() { return text("", "", Status::no_content); }
  static Response event_stream(std::shared_ptr<EventSource> source) {
    Response res = text("", "text/event-stream; charset=utf-8");
    res.stream = std::move(source);
    res.header("Cache-Control", "no-cache");
    res.header("X-Accel-Buffering", "no");
    return res;
  }
};

}  // namespace prism::http
