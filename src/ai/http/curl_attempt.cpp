#include "ai/http/curl_attempt.hpp"

#include <strings.h>

#include <algorithm>
#include <chrono>
#include <memory>

#include "ai/http/curl_loop.hpp"

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

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t n = size * count;
  t->loop.last_byte = std::chrono::steady_clock::now();
  std::string_view line(data, n);
  if (line.rfind("HTTP/", 0) == 0)
    t->result.retry_after.reset();  // a new response (after 100 or a redirect)
  constexpr std::string_view kRetryAfter = "retry-after:";
  if (line.size() > kRetryAfter.size() &&
      strncasecmp(line.data(), kRetryAfter.data(), kRetryAfter.size()) == 0) {
    std::string value(line.substr(kRetryAfter.size()));
    auto first = value.find_first_not_of(" \t");
    auto last = value.find_last_not_of(" \t\r\n");
    if (first != std::string::npos) t->result.retry_after = value.substr(first, last - first + 1);
  }
  return n;
}

struct EasyDeleter {
  void operator()(CURL* e) const { curl_easy_cleanup(e); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

AttemptResult run_attempt(const PostRequest& request, const StreamHandlers& handlers,
                          const CancelToken& cancel, const TransportOptions& options) {
  CurlLoop& loop = CurlLoop::shared();  // initializes libcurl before the first handle
  std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
  if (!easy) throw std::runtime_error("libcurl could not create a handle");

  std::unique_ptr<curl_slist, SlistDeleter> headers;
  auto add_header = [&](const std::string& h) {
    headers.reset(curl_slist_append(headers.release(), h.c_str()));
  };
  for (const auto& h : request.headers) add_header(h);
  add_header("Expect:");  // no 100-continue round trip before the body
  add_header("Accept: text/event-stream, application/json");

  Transfer t;
  t.loop.easy = easy.get();
  t.loop.cancel = &cancel;
  t.loop.idle_timeout = std::chrono::seconds(options.idle_timeout_seconds);
  t.handlers = &handlers;

  CURL* e = easy.get();
  curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(e, CURLOPT_POST, 1L);
  curl_easy_setopt(e, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options.connect_timeout_seconds));
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);

  // The idle timeout is the loop's: no byte for that long ends the attempt,
  // also before the first byte. (CURLOPT_LOW_SPEED_TIME averages over
  // seconds and counts the upload, so a stalled answer would be noticed late.)
  loop.run(t.loop);

  t.result.code = t.loop.code;
  if (cancel.cancelled() || t.loop.cancelled) t.result.cancelled = true;
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &t.result.status);
  return std::move(t.result);
}

}  // namespace prism::ai::http
