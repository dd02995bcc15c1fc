#pragma once

#include <string>

#include "ai/http/request.hpp"
#include "ai/provider.hpp"

namespace prism::ai::http {

// What one GET ended with.
struct HttpResult {
  long status = 0;         // the HTTP status; 0 when no answer arrived
  std::string body;        // a 2xx body whole; other bodies cut at GetRequest::max_body
  std::string location;    // the Location header of a 3xx answer (never followed)
  std::string failure;     // why no whole answer arrived, in words; empty when one did
  bool too_large = false;  // the 2xx body went past GetRequest::max_body (in `failure`)
  bool cancelled = false;

  bool ok() const { return failure.empty() && !cancelled && status >= 200 && status < 300; }
};

// GETs `request.url` once, for small JSON answers such as a provider's model
// list or a connection test: no retries, no redirects, the request's pin
// honoured. Bounded: the connect timeout, the idle timeout, and both together
// for the whole exchange. Blocks the calling thread (never an I/O thread)
// while the transfer runs on the process's CurlLoop.
HttpResult fetch(const GetRequest& request, const TransportOptions& options,
                 const CancelToken& cancel = CancelToken());

// The body of an ok() `result`; otherwise throws the ProviderError it means,
// in the words streaming calls use (`provider` "openai", `label` "OpenAI").
const std::string& body_or_throw(const HttpResult& result, const std::string& provider,
                                 const std::string& label, const std::string& secret);

}  // namespace prism::ai::http
