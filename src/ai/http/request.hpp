#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace prism::ai::http {

struct TransportOptions {
  int connect_timeout_seconds = 10;
  int idle_timeout_seconds = 60;  // no byte for this long ends the attempt
  int max_retries = 3;            // further attempts after the first
  bool verify_tls = true;
  std::chrono::milliseconds backoff_base{500};
  std::chrono::milliseconds backoff_cap{20000};
  std::chrono::milliseconds retry_after_cap{60000};  // a longer Retry-After gives up instead
};

// Where one outbound request goes and what it carries besides a body.
struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string secret;                // removed from any provider text put into an error
  // A CURLOPT_RESOLVE entry "host:port:address[,address]" from check_base_url:
  // the connection goes to the addresses that were checked, whatever DNS
  // answers by now, and never through a proxy. Empty: ordinary resolution.
  std::string pin;
  bool https_only = false;  // refuse plain http (a user-supplied base URL)
};

struct PostRequest : HttpRequest {
  std::string body;
};

inline constexpr std::size_t kMaxFetchBody = 1024 * 1024;

struct GetRequest : HttpRequest {
  std::size_t max_body = kMaxFetchBody;  // a longer answer is an error, not truncated
};

}  // namespace prism::ai::http
