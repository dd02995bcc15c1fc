#include "http/request_head.hpp"

#include <algorithm>
#include <functional>
#include <string_view>
#include <vector>

#include "core/text.hpp"

namespace prism::http {

namespace {

// The elements of every line of a list-valued field, in order, empty
// elements included (a line "a,,b" or an empty line yields an empty one).
std::vector<std::string_view> elements(const RawRequest& head, beast_http::field name) {
  std::vector<std::string_view> out;
  auto [first, last] = head.equal_range(name);
  for (auto it = first; it != last; ++it) {
    std::string_view value = it->value();
    while (true) {
      auto comma = value.find(',');
      out.push_back(trim_blanks(value.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      value.remove_prefix(comma + 1);
    }
  }
  return out;
}

std::optional<HeadProblem> check_transfer_encoding(const RawRequest& head) {
  auto codings = elements(head, beast_http::field::transfer_encoding);
  if (head.find(beast_http::field::content_length) != head.end()) {
    return HeadProblem{ErrorCode::kBadRequest,
                       "Transfer-Encoding and Content-Length must not be sent together"};
  }
  if (head.version() < 11) {
    return HeadProblem{ErrorCode::kBadRequest, "HTTP/1.0 has no Transfer-Encoding"};
  }
  auto chunked = std::count_if(codings.begin(), codings.end(),
                               [](std::string_view c) { return ascii_iequals(c, "chunked"); });
  // Without chunked last the body's end is unknown (RFC 9112 §6.3); chunked
  // twice is a sender's error (§6.1). Either way the connection's next bytes
  // cannot be trusted to start a request.
  if (codings.empty() || !ascii_iequals(codings.back(), "chunked") || chunked != 1) {
    return HeadProblem{ErrorCode::kBadRequest,
                       "Transfer-Encoding must end with chunked and name it once"};
  }
  if (codings.size() > 1) {
    return HeadProblem{ErrorCode::kNotImplemented,
                       "no transfer coding other than chunked is supported"};
  }
  return std::nullopt;
}

std::optional<HeadProblem> check_content_length(const RawRequest& head) {
  auto values = elements(head, beast_http::field::content_length);
  if (std::adjacent_find(values.begin(), values.end(), std::not_equal_to<>()) != values.end()) {
    return HeadProblem{ErrorCode::kBadRequest, "the Content-Length values differ"};
  }
  return std::nullopt;
}

}  // namespace

std::optional<HeadProblem> check_request_head(const RawRequest& head) {
  if (head.find(beast_http::field::transfer_encoding) != head.end()) {
    if (auto problem = check_transfer_encoding(head)) return problem;
  } else if (auto problem = check_content_length(head)) {
    return problem;
  }
  if (head.version() >= 11 && head.count(beast_http::field::host) != 1) {
    return HeadProblem{ErrorCode::kBadRequest, "an HTTP/1.1 request needs exactly one Host field"};
  }
  for (std::string_view expectation : elements(head, beast_http::field::expect)) {
    if (!ascii_iequals(expectation, "100-continue")) {
      return HeadProblem{ErrorCode::kExpectationFailed, "the only expectation met is 100-continue"};
    }
  }
  return std::nullopt;
}

bool expects_continue(const RawRequest& head) {
  // An HTTP/1.0 client cannot understand an interim answer (RFC 9110 §10.1.1).
  return head.version() >= 11 && head.find(beast_http::field::expect) != head.end();
}

}  // namespace prism::http
