#pragma once

#include <boost/beast/http/status.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/json.hpp"

namespace prism::http {

using Status = boost::beast::http::status;

struct Response {
  Status status = Status::ok;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }

  static Response json(const json::value& v, Status status = Status::ok) {
    return Response{status, "application/json", json::serialize(v), {}};
  }
  static Response text(std::string body, std::string content_type, Status status = Status::ok) {
    return Response{status, std::move(content_type), std::move(body), {}};
  }
  static Response no_content() { return Response{Status::no_content, "", "", {}}; }
};

}  // namespace prism::http
