#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ai/http/provider_errors.hpp"
#include "ai/http/request.hpp"
#include "ai/provider.hpp"

namespace prism::ai::http {

// How a provider consumes one attempt. Handlers run on the calling thread and
// may throw ProviderError; a kUnavailable thrown before anything was
// delivered is retried like a dropped connection.
struct StreamHandlers {
  std::function<void()> on_attempt;               // a new attempt starts: reset parsing
  std::function<void(std::string_view)> on_body;  // bytes of a 2xx answer as they arrive
  std::function<void()> on_complete;              // the 2xx body ended without a transport error
  std::function<bool()> delivered;                // the caller has text: never retry from here on
};

struct AttemptResult;

// POSTs JSON over libcurl and streams the answer. Retries 429, 5xx, timeouts
// and connection failures with exponential backoff and full jitter (or the
// server's Retry-After), never after the first delivered delta. Cancelling
// aborts the transfer within ~100 ms, closing the connection.
class StreamingTransport {
 public:
  // `provider` names ProviderErrors ("anthropic"); `label` is used in messages ("Anthropic").
  StreamingTransport(std::string provider, std::string label, TransportOptions options);

  void post(const PostRequest& request, const StreamHandlers& handlers,
            const CancelToken& cancel) const;

  const TransportOptions& options() const { return options_; }

 private:
  std::optional<ProviderError> failure_of(const AttemptResult& result, const PostRequest& request,
                                          const StreamHandlers& handlers, bool may_retry) const;

  std::string provider_;
  std::string label_;
  TransportOptions options_;
};

// A Retry-After value (delta-seconds or an HTTP date) as a delay from `now`.
std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now);

}  // namespace prism::ai::http
