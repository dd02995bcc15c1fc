#pragma once

#include <curl/curl.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ai/http/curl_loop.hpp"
#include "ai/http/request.hpp"

namespace prism::ai::http {

// The response headers PRISM reads, from the last response of a transfer.
struct ResponseHeaders {
  std::optional<std::string> retry_after;
  std::optional<std::string> location;

  void on_line(std::string_view line);
};

// A libcurl easy handle set up the way every outbound request of PRISM is:
// the URL and headers, TLS verification, the connect timeout, no connection
// reuse, no redirects, only http/https (https alone for `https_only`), and a
// pinned address (CURLOPT_RESOLVE, no proxy) when the request has one. The
// caller adds the method, body callbacks and runs it on a LoopTransfer.
class CurlEasy {
 public:
  CurlEasy(const HttpRequest& request, const TransportOptions& options,
           const std::vector<std::string>& extra_headers);
  CurlEasy(const CurlEasy&) = delete;
  CurlEasy& operator=(const CurlEasy&) = delete;

  CURL* get() const { return easy_.get(); }

  // Sends every header line to `headers`, counting it as a byte for `loop`'s idle timeout.
  void capture_headers(LoopTransfer& loop, ResponseHeaders& headers);

  // Runs the transfer to its end on the process's CurlLoop (see CurlLoop::run)
  // and returns the HTTP status of the last response (0: none).
  long run(LoopTransfer& loop);

 private:
  struct EasyDeleter {
    void operator()(CURL* e) const { curl_easy_cleanup(e); }
  };
  struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
  };
  struct HeaderSink {
    LoopTransfer* loop = nullptr;
    ResponseHeaders* headers = nullptr;
  };
  static size_t on_header(char* data, size_t size, size_t count, void* user);

  // Lists the handle points into: freed after it (declared first, destroyed last).
  std::unique_ptr<curl_slist, SlistDeleter> headers_;
  std::unique_ptr<curl_slist, SlistDeleter> resolve_;
  HeaderSink sink_;
  std::unique_ptr<CURL, EasyDeleter> easy_;
};

}  // namespace prism::ai::http
