#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace prism {

// Protocol-neutral error codes. The HTTP layer maps each one to a status and a
// problem+json body in exactly one table (http/problem.cpp).
enum class ErrorCode {
  kBadRequest,            // 400 malformed request (e.g. invalid JSON)
  kUnauthorized,          // 401 missing or invalid credentials
  kPaymentRequired,       // 402 budget exceeded
  kForbidden,             // 403 authenticated, but the role may not do this
  kNotFound,              // 404 missing or another tenant's resource
  kMethodNotAllowed,      // 405
  kRequestTimeout,        // 408 the request did not arrive in time
  kConflict,              // 409 unique constraint or state conflict
  kGone,                  // 410 expired link or token
  kPreconditionFailed,    // 412 stale If-Match
  kPayloadTooLarge,       // 413
  kUnsupportedMediaType,  // 415
  kExpectationFailed,     // 417 an Expect other than 100-continue
  kValidationFailed,      // 422 per-field errors
  kPreconditionRequired,  // 428 missing If-Match
  kRateLimited,           // 429
  kHeaderFieldsTooLarge,  // 431
  kInternal,              // 500
  kNotImplemented,        // 501 e.g. a transfer coding PRISM does not decode
  kUnavailable,           // 503
  kInsufficientStorage,   // 507 the database is full
};

// The quota a 429 refers to, surfaced as RateLimit-Policy / RateLimit headers
// (IETF httpapi ratelimit-headers draft).
struct RateLimitInfo {
  int limit = 0;
  int window_seconds = 0;
  int remaining = 0;
  int reset_seconds = 0;
};

struct FieldError {
  std::string field;
  std::string message;
};

class Error : public std::runtime_error {
 public:
  // `client_message` may reach the client; `internal_message` only the log.
  Error(ErrorCode code, std::string client_message, std::string internal_message = {})
      : std::runtime_error(internal_message.empty() ? client_message : internal_message),
        code_(code),
        client_message_(std::move(client_message)),
        internal_message_(std::move(internal_message)) {}

  ErrorCode code() const { return code_; }
  const std::string& client_message() const { return client_message_; }
  const std::string& internal_message() const { return internal_message_; }

  // A stable machine string overriding the default for the code, e.g.
  // "version_conflict" for kPreconditionFailed.
  std::string machine_code;
  std::vector<FieldError> field_errors;
  std::optional<int> retry_after_seconds;
  std::optional<RateLimitInfo> rate_limit;
  // Extension members of the problem document (RFC 9457 §3.2) that help a
  // client act on it, e.g. {"invitation_id", "…"} for the pending invitation
  // a 409 is about. Never internal details.
  std::vector<std::pair<std::string, std::string>> extensions;

  Error&& with_machine_code(std::string c) && {
    machine_code = std::move(c);
    return std::move(*this);
  }
  Error&& with_extension(std::string name, std::string value) && {
    extensions.emplace_back(std::move(name), std::move(value));
    return std::move(*this);
  }

 private:
  ErrorCode code_;
  std::string client_message_;
  std::string internal_message_;
};

inline Error not_found(std::string what = "resource") {
  return Error(ErrorCode::kNotFound, what + " not found");
}
inline Error forbidden(std::string why = "your role does not allow this") {
  return Error(ErrorCode::kForbidden, std::move(why));
}
inline Error unauthorized(std::string why = "authentication required") {
  return Error(ErrorCode::kUnauthorized, std::move(why));
}
inline Error validation_failed(std::vector<FieldError> errors) {
  Error e(ErrorCode::kValidationFailed, "the request has invalid fields");
  e.field_errors = std::move(errors);
  return e;
}
inline Error validation_failed(std::string field, std::string message) {
  return validation_failed(std::vector<FieldError>{{std::move(field), std::move(message)}});
}
inline Error rate_limited(std::string why, int retry_after_seconds,
                          std::optional<RateLimitInfo> info = std::nullopt) {
  Error e(ErrorCode::kRateLimited, std::move(why));
  e.retry_after_seconds = retry_after_seconds < 1 ? 1 : retry_after_seconds;
  e.rate_limit = info;
  return e;
}
inline Error conflict(std::string why) { return Error(ErrorCode::kConflict, std::move(why)); }

}  // namespace prism
