#pragma once

#include <optional>
#include <string>

#include "core/error.hpp"
#include "http/request.hpp"

namespace prism::http {

// Why a request head may not be served: what to answer before the connection
// is closed.
struct HeadProblem {
  ErrorCode code;
  std::string detail;
};

// Checks a request head before its body is read: the framing fields that
// decide where the body ends (RFC 9112 §6: Transfer-Encoding whose last
// coding is chunked and appears once, never beside Content-Length nor in an
// HTTP/1.0 request; Content-Length values that agree), Host (exactly one in
// HTTP/1.1, §3.2) and Expect (only 100-continue, RFC 9110 §10.1.1).
// Beast's parser refuses some of these itself, and lets others through (a
// Transfer-Encoding without chunked last is read as "no body", so the body's
// bytes would run as the next request); every rule is checked here on the
// fields themselves, so none depends on what the parser concluded.
std::optional<HeadProblem> check_request_head(const RawRequest& head);

// Whether the client waits for "100 Continue" before it sends the body.
bool expects_continue(const RawRequest& head);

}  // namespace prism::http
