#pragma once

#include <curl/curl.h>

#include <exception>
#include <optional>
#include <string>

#include "ai/http/streaming_transport.hpp"

namespace prism::ai::http {

// What one HTTP exchange ended with.
struct AttemptResult {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string error_body;                  // the body of a non-2xx answer (bounded)
  std::optional<std::string> retry_after;  // the Retry-After header, if any
  std::string location;                    // the Location header of a 3xx answer
  std::exception_ptr handler_error;        // thrown by StreamHandlers::on_body
  bool cancelled = false;
};

// Runs one POST on its own curl handle (set up by CurlEasy: no redirects, the
// request's pin honoured) in the process's CurlLoop, streaming
// a 2xx body to handlers.on_body (called on the loop's thread while this
// one waits). Returns when the transfer ends, fails, is cancelled or goes
// idle; the connection is closed on return.
AttemptResult run_attempt(const PostRequest& request, const StreamHandlers& handlers,
                          const CancelToken& cancel, const TransportOptions& options);

}  // namespace prism::ai::http
