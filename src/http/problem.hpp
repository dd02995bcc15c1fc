#pragma once

#include "core/error.hpp"
#include "http/response.hpp"

namespace prism::http {

// The one table that turns a protocol-neutral Error into an HTTP status and an
// RFC 9457 problem+json body. Internal messages never reach the client.
Response problem_response(const Error& error);

// The status an error code maps to (for metrics and tests).
Status status_for(ErrorCode code);

}  // namespace prism::http
