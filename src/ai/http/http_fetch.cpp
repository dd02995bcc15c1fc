#include "ai/http/http_fetch.hpp"

#include <algorithm>
#include <chrono>

#include "ai/http/curl_easy.hpp"
#include "ai/http/provider_errors.hpp"

namespace prism::ai::http {

namespace {

using Kind = ProviderError::Kind;

// The callbacks run on the CurlLoop's thread while fetch waits.
struct Transfer {
  LoopTransfer loop;
  std::size_t max_body = kMaxFetchBody;
  HttpResult result;
};

bool is_success(long status) { return status >= 200 && status < 300; }

size_t on_write(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  t->loop.last_byte = std::chrono::steady_clock::now();
  if (t->loop.cancel->cancelled()) return 0;  // aborts the transfer
  auto& body = t->result.body;
  std::size_t room = t->max_body - std::min(t->max_body, body.size());
  if (n > room) {
    long status = 0;
    curl_easy_getinfo(t->loop.easy, CURLINFO_RESPONSE_CODE, &status);
    if (is_success(status)) {
      // Half a JSON document is of no use: stop reading instead.
      t->result.too_large = true;
      return 0;
    }
  }
  body.append(data, std::min(n, room));
  return n;
}

std::string size_words(std::size_t bytes) {
  if (bytes % (1024 * 1024) == 0) return std::to_string(bytes / (1024 * 1024)) + " MiB";
  if (bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

HttpResult fetch(const GetRequest& request, const TransportOptions& options,
                 const CancelToken& cancel) {
  CurlEasy easy(request, options, {"Accept: application/json"});

  Transfer t;
  t.loop.cancel = &cancel;
  t.loop.idle_timeout = std::chrono::seconds(options.idle_timeout_seconds);
  t.max_body = request.max_body;
  ResponseHeaders headers;

  CURL* e = easy.get();
  curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
  // A server trickling bytes never goes idle: bound the whole exchange too.
  curl_easy_setopt(
      e, CURLOPT_TIMEOUT,
      static_cast<long>(options.connect_timeout_seconds + options.idle_timeout_seconds));
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
  easy.capture_headers(t.loop, headers);

  HttpResult& r = t.result;
  r.status = easy.run(t.loop);
  r.location = headers.location.value_or("");
  r.cancelled = cancel.cancelled() || t.loop.cancelled;
  if (r.too_large) {
    r.body.clear();
    r.failure = "the answer is larger than " + size_words(t.max_body);
  } else if (t.loop.code == CURLE_OPERATION_TIMEDOUT) {
    r.failure = "timed out (no answer within " +
                std::to_string(t.loop.timed_out ? options.idle_timeout_seconds
                                                : options.connect_timeout_seconds +
                                                      options.idle_timeout_seconds) +
                " s)";
  } else if (t.loop.code != CURLE_OK && !r.cancelled) {
    r.failure = curl_easy_strerror(t.loop.code);
  }
  return std::move(r);
}

const std::string& body_or_throw(const HttpResult& result, const std::string& provider,
                                 const std::string& label, const std::string& secret) {
  if (result.cancelled) throw ProviderError(Kind::kCancelled, provider, "cancelled");
  if (result.too_large)
    throw ProviderError(Kind::kBadResponse, provider, label + ": " + result.failure);
  if (!result.failure.empty())
    throw ProviderError(Kind::kUnavailable, provider, label + " is unreachable: " + result.failure);
  if (!is_success(result.status))
    throw answer_error(provider, label, {result.status, result.body, result.location}, secret);
  return result.body;
}

}  // namespace prism::ai::http
