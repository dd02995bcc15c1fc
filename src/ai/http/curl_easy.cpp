#include "ai/http/curl_easy.hpp"

#include <strings.h>

#include <stdexcept>

namespace prism::ai::http {

namespace {

// The value of header `line` if it is header `name` ("retry-after:"), trimmed.
std::optional<std::string> header_value(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || strncasecmp(line.data(), name.data(), name.size()) != 0)
    return std::nullopt;
  std::string_view value = line.substr(name.size());
  auto first = value.find_first_not_of(" \t");
  auto last = value.find_last_not_of(" \t\r\n");
  if (first == std::string_view::npos) return std::nullopt;
  return std::string(value.substr(first, last - first + 1));
}

}  // namespace

void ResponseHeaders::on_line(std::string_view line) {
  if (line.rfind("HTTP/", 0) == 0) {  // a new response (after a 100 Continue)
    retry_after.reset();
    location.reset();
  }
  if (auto v = header_value(line, "retry-after:")) retry_after = std::move(v);
  if (auto v = header_value(line, "location:")) location = std::move(v);
}

CurlEasy::CurlEasy(const HttpRequest& request, const TransportOptions& options,
                   const std::vector<std::string>& extra_headers) {
  CurlLoop::shared();  // initializes libcurl before the first handle
  easy_.reset(curl_easy_init());
  if (!easy_) throw std::runtime_error("libcurl could not create a handle");

  auto append = [](std::unique_ptr<curl_slist, SlistDeleter>& list, const std::string& s) {
    curl_slist* grown = curl_slist_append(list.get(), s.c_str());
    if (grown == nullptr) throw std::bad_alloc();
    list.release();
    list.reset(grown);
  };
  for (const auto& h : request.headers) append(headers_, h);
  for (const auto& h : extra_headers) append(headers_, h);

  CURL* e = easy_.get();
  curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers_.get());
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  const char* protocols = request.https_only ? "https" : "http,https";
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, protocols);
  curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, protocols);
  // A redirect could lead anywhere, including addresses a base URL check
  // refused: a 3xx answer is reported, never followed.
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  if (!request.pin.empty()) {
    append(resolve_, request.pin);
    curl_easy_setopt(e, CURLOPT_RESOLVE, resolve_.get());
    // A proxy would resolve the host itself, past the checked addresses.
    curl_easy_setopt(e, CURLOPT_NOPROXY, "*");
  }
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options.connect_timeout_seconds));
  curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
}

size_t CurlEasy::on_header(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<HeaderSink*>(user);
  size_t n = size * count;
  sink->loop->last_byte = std::chrono::steady_clock::now();
  sink->headers->on_line(std::string_view(data, n));
  return n;
}

void CurlEasy::capture_headers(LoopTransfer& loop, ResponseHeaders& headers) {
  sink_ = HeaderSink{&loop, &headers};
  curl_easy_setopt(easy_.get(), CURLOPT_HEADERFUNCTION, &CurlEasy::on_header);
  curl_easy_setopt(easy_.get(), CURLOPT_HEADERDATA, &sink_);
}

long CurlEasy::run(LoopTransfer& loop) {
  loop.easy = easy_.get();
  CurlLoop::shared().run(loop);
  long status = 0;
  curl_easy_getinfo(easy_.get(), CURLINFO_RESPONSE_CODE, &status);
  return status;
}

}  // namespace prism::ai::http
