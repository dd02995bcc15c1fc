#include "ai/http/streaming_transport.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <random>
#include <thread>

#include "ai/http/curl_attempt.hpp"

namespace prism::ai::http {

namespace {

using Kind = ProviderError::Kind;
using std::chrono::milliseconds;

bool is_success(long status) { return status >= 200 && status < 300; }

bool retryable_transport_failure(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

// Sleeps `delay`, waking early to throw when the call is cancelled.
void sleep_unless_cancelled(milliseconds delay, const CancelToken& cancel,
                            const std::string& provider) {
  auto until = std::chrono::steady_clock::now() + delay;
  while (std::chrono::steady_clock::now() < until) {
    if (cancel.cancelled()) throw ProviderError(Kind::kCancelled, provider, "cancelled");
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
        milliseconds(20), until - std::chrono::steady_clock::now()));
  }
  if (cancel.cancelled()) throw ProviderError(Kind::kCancelled, provider, "cancelled");
}

milliseconds jittered_backoff(int attempt, const TransportOptions& options) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  auto ceiling = options.backoff_base.count() * (std::int64_t{1} << std::min(attempt, 20));
  ceiling = std::min<std::int64_t>(ceiling, options.backoff_cap.count());
  return milliseconds(
      std::uniform_int_distribution<std::int64_t>(0, std::max<std::int64_t>(ceiling, 0))(rng));
}

}  // namespace

std::optional<milliseconds> parse_retry_after(std::string_view value,
                                              std::chrono::system_clock::time_point now) {
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return std::nullopt;
    return milliseconds(std::stoll(std::string(value)) * 1000);
  }
  std::string text(value);
  time_t when = curl_getdate(text.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  auto delta = std::chrono::system_clock::from_time_t(when) - now;
  return std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(delta));
}

StreamingTransport::StreamingTransport(std::string provider, std::string label,
                                       TransportOptions options)
    : provider_(std::move(provider)), label_(std::move(label)), options_(options) {}

// The retryable failure an attempt ended with, nullopt when it succeeded;
// failures no retry can fix are thrown.
std::optional<ProviderError> StreamingTransport::failure_of(const AttemptResult& r,
                                                            const PostRequest& request,
                                                            const StreamHandlers& handlers,
                                                            bool may_retry) const {
  auto retryable = [&](const ProviderError& e) {
    if (e.kind() != Kind::kUnavailable || !may_retry) throw e;
    return std::optional<ProviderError>(e);
  };
  if (r.handler_error) {
    try {
      std::rethrow_exception(r.handler_error);
    } catch (const ProviderError& e) {
      return retryable(e);
    }
  }
  if (r.code != CURLE_OK && (r.status == 0 || is_success(r.status))) {
    std::string what =
        r.code == CURLE_OPERATION_TIMEDOUT
            ? "timed out (no data for " + std::to_string(options_.idle_timeout_seconds) + " s)"
            : std::string(curl_easy_strerror(r.code));
    ProviderError e(Kind::kUnavailable, provider_, label_ + " is unreachable: " + what);
    if (!retryable_transport_failure(r.code)) throw e;
    return e;
  }
  if (is_success(r.status)) {
    try {
      if (handlers.on_complete) handlers.on_complete();
      return std::nullopt;
    } catch (const ProviderError& e) {
      return retryable(e);
    }
  }
  ProviderError e =
      answer_error(provider_, label_, {r.status, r.error_body, r.location}, request.secret);
  if (e.kind() == Kind::kRateLimited || e.kind() == Kind::kUnavailable) return e;
  throw e;
}

void StreamingTransport::post(const PostRequest& request, const StreamHandlers& handlers,
                              const CancelToken& cancel) const {
  for (int attempt = 0;; ++attempt) {
    if (cancel.cancelled()) throw ProviderError(Kind::kCancelled, provider_, "cancelled");
    if (handlers.on_attempt) handlers.on_attempt();
    AttemptResult r = run_attempt(request, handlers, cancel, options_);
    if (r.cancelled) throw ProviderError(Kind::kCancelled, provider_, "cancelled");

    bool may_retry =
        attempt < options_.max_retries && !(handlers.delivered && handlers.delivered());
    std::optional<ProviderError> failure = failure_of(r, request, handlers, may_retry);
    if (!failure) return;
    if (!may_retry) throw *failure;
    std::optional<milliseconds> retry_after;
    if (r.retry_after)
      retry_after = parse_retry_after(*r.retry_after, std::chrono::system_clock::now());
    if (retry_after && *retry_after > options_.retry_after_cap) throw *failure;
    milliseconds delay = retry_after ? *retry_after : jittered_backoff(attempt, options_);
    spdlog::warn("{} attempt {} failed ({}); retrying in {} ms", provider_, attempt + 1,
                 failure->what(), delay.count());
    sleep_unless_cancelled(delay, cancel, provider_);
  }
}

}  // namespace prism::ai::http
