#include "ai/http/curl_attempt.hpp"

#include <algorithm>
#include <chrono>

#include "ai/http/curl_easy.hpp"

namespace prism::ai::http {

namespace {

constexpr std::size_t kMaxErrorBody = 64 * 1024;

// The callbacks run on the CurlLoop's thread while run_attempt waits.
struct Transfer {
  LoopTransfer loop;
  const StreamHandlers* handlers = nullptr;
  AttemptResult result;
};

bool is_success(long status) { return status >= 200 && status < 300; }

size_t on_write(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  t->loop.last_byte = std::chrono::steady_clock::now();
  if (t->loop.cancel->cancelled()) return 0;  // aborts the transfer: CURLE_WRITE_ERROR
  long status = 0;
  curl_easy_getinfo(t->loop.easy, CURLINFO_RESPONSE_CODE, &status);
  if (!is_success(status)) {
    auto& body = t->result.error_body;
    body.append(data, std::min(n, kMaxErrorBody - std::min(kMaxErrorBody, body.size())));
    return n;
  }
  try {
    t->handlers->on_body(std::string_view(data, n));
  } catch (...) {
    // Exceptions must not cross libcurl's C frames: keep it, abort, rethrow later.
    t->result.handler_error = std::current_exception();
    return 0;
  }
  return n;
}

}  // namespace

AttemptResult run_attempt(const PostRequest& request, const StreamHandlers& handlers,
                          const CancelToken& cancel, const TransportOptions& options) {
  // No 100-continue round trip before the body.
  CurlEasy easy(request, options, {"Expect:", "Accept: text/event-stream, application/json"});

  Transfer t;
  t.loop.cancel = &cancel;
  t.loop.idle_timeout = std::chrono::seconds(options.idle_timeout_seconds);
  t.handlers = &handlers;
  ResponseHeaders headers;

  CURL* e = easy.get();
  curl_easy_setopt(e, CURLOPT_POST, 1L);
  curl_easy_setopt(e, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
  easy.capture_headers(t.loop, headers);

  // The idle timeout is the loop's: no byte for that long ends the attempt,
  // also before the first byte. (CURLOPT_LOW_SPEED_TIME averages over
  // seconds and counts the upload, so a stalled answer would be noticed late.)
  t.result.status = easy.run(t.loop);

  t.result.code = t.loop.code;
  if (cancel.cancelled() || t.loop.cancelled) t.result.cancelled = true;
  t.result.retry_after = std::move(headers.retry_after);
  t.result.location = headers.location.value_or("");
  return std::move(t.result);
}

}  // namespace prism::ai::http
