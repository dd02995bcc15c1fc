#include "http/problem.hpp"

namespace prism::http {

namespace {

struct Mapping {
  ErrorCode code;
  Status status;
  const char* machine_code;
  const char* title;
};

constexpr Mapping kMappings[] = {
    {ErrorCode::kBadRequest, Status::bad_request, "bad_request", "Bad request"},
    {ErrorCode::kUnauthorized, Status::unauthorized, "unauthorized", "Unauthorized"},
    {ErrorCode::kPaymentRequired, Status::payment_required, "budget_exceeded", "Budget exceeded"},
    {ErrorCode::kForbidden, Status::forbidden, "forbidden", "Forbidden"},
    {ErrorCode::kNotFound, Status::not_found, "not_found", "Not found"},
    {ErrorCode::kMethodNotAllowed, Status::method_not_allowed, "method_not_allowed",
     "Method not allowed"},
    {ErrorCode::kRequestTimeout, Status::request_timeout, "request_timeout", "Request timeout"},
    {ErrorCode::kConflict, Status::conflict, "conflict", "Conflict"},
    {ErrorCode::kGone, Status::gone, "gone", "Gone"},
    {ErrorCode::kPreconditionFailed, Status::precondition_failed, "version_conflict",
     "Version conflict"},
    {ErrorCode::kPayloadTooLarge, Status::payload_too_large, "payload_too_large",
     "Payload too large"},
    {ErrorCode::kUnsupportedMediaType, Status::unsupported_media_type, "unsupported_media_type",
     "Unsupported media type"},
    {ErrorCode::kExpectationFailed, Status::expectation_failed, "expectation_failed",
     "Expectation failed"},
    {ErrorCode::kValidationFailed, Status::unprocessable_entity, "validation_failed",
     "Validation failed"},
    {ErrorCode::kPreconditionRequired, Status::precondition_required, "precondition_required",
     "Precondition required"},
    {ErrorCode::kRateLimited, Status::too_many_requests, "rate_limited", "Too many requests"},
    {ErrorCode::kHeaderFieldsTooLarge, Status::request_header_fields_too_large,
     "header_fields_too_large", "Request header fields too large"},
    {ErrorCode::kInternal, Status::internal_server_error, "internal_error", "Internal error"},
    {ErrorCode::kNotImplemented, Status::not_implemented, "not_implemented", "Not implemented"},
    {ErrorCode::kUnavailable, Status::service_unavailable, "unavailable", "Service unavailable"},
    {ErrorCode::kInsufficientStorage, Status::insufficient_storage, "storage_full",
     "Storage full"},
};

const Mapping& mapping_for(ErrorCode code) {
  for (const auto& m : kMappings) {
    if (m.code == code) return m;
  }
  return mapping_for(ErrorCode::kInternal);
}

}  // namespace

Status status_for(ErrorCode code) { return mapping_for(code).status; }

Response problem_response(const Error& error) {
  const Mapping& m = mapping_for(error.code());
  std::string machine = error.machine_code.empty() ? m.machine_code : error.machine_code;
  json::object body{
      {"type", "https://prism.dev/problems/" + machine},
      {"title", m.title},
      {"status", static_cast<int>(m.status)},
      {"detail", error.code() == ErrorCode::kInternal ? "an internal error occurred"
                                                      : error.client_message()},
      {"code", machine},
  };
  if (!error.field_errors.empty()) {
    json::array errors;
    for (const auto& fe : error.field_errors) {
      errors.push_back(json::object{{"field", fe.field}, {"message", fe.message}});
    }
    body["errors"] = std::move(errors);
  }
  for (const auto& [name, value] : error.extensions) {
    if (!body.contains(name)) body[name] = value;
  }
  Response res = Response::text(json::serialize(body), "application/problem+json", m.status);
  if (error.retry_after_seconds) {
    res.header("Retry-After", std::to_string(*error.retry_after_seconds));
  }
  if (error.rate_limit) {
    const RateLimitInfo& rl = *error.rate_limit;
    res.header("RateLimit-Policy", std::to_string(rl.limit) + ";w=" + std::to_string(rl.window_seconds));
    res.header("RateLimit", "limit=" + std::to_string(rl.limit) + ", remaining=" +
                                std::to_string(rl.remaining) + ", reset=" + std::to_string(rl.reset_seconds));
  }
  return res;
}

}  // namespace prism::http
