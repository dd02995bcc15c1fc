#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace prism::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  long status = 0;
  // Lower-case names; repeated headers joined with ", " (Set-Cookie with "\n").
  std::map<std::string, std::string> headers;
  std::string body;

  // The body as JSON; throws with the body in the message when it is not JSON.
  // On a named response it returns a reference to a value parsed once and
  // owned by the response, so `for (auto& x : r.json().at("items").as_array())`
  // is safe. On a temporary response it returns a copy: there a range-for over
  // a sub-object would still dangle, so name the response first.
  const boost::json::value& json() const&;
  boost::json::value json() &&;
  std::string header(const std::string& lower_name) const;
  bool has_header(const std::string& lower_name) const { return headers.count(lower_name) > 0; }

 private:
  mutable std::optional<boost::json::value> parsed_;
};

// A small synchronous HTTP/1.1 client on libcurl for integration tests. It
// keeps one connection alive between requests and has its own cookie jar, so
// the refresh cookie set by login is sent back like a browser would. Use one
// client per thread.
class HttpClient {
 public:
  explicit HttpClient(std::string base_url);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse request(std::string method, std::string path,
                       std::optional<boost::json::value> body = {}, Headers headers = {});
  HttpResponse get(std::string path, Headers headers = {});
  HttpResponse post(std::string path, std::optional<boost::json::value> body = {},
                    Headers headers = {});
  HttpResponse patch(std::string path, std::optional<boost::json::value> body = {},
                     Headers headers = {});
  HttpResponse put(std::string path, std::optional<boost::json::value> body = {},
                   Headers headers = {});
  HttpResponse del(std::string path, Headers headers = {});
  // Sends `raw_body` as is; an empty content_type sends no Content-Type.
  HttpResponse raw(std::string method, std::string path, std::string raw_body,
                   std::string content_type, Headers headers = {});

  // Sent as "Authorization: Bearer <token>" on every request; empty clears it.
  void set_bearer(std::string token) { bearer_ = std::move(token); }
  const std::string& bearer() const { return bearer_; }
  void set_timeout(std::chrono::milliseconds t) { timeout_ = t; }
  // Connects from this local address, e.g. "127.0.0.2", so a test can play a
  // second client IP against a server on 127.0.0.1; empty: the default.
  void set_source_ip(std::string ip) { source_ip_ = std::move(ip); }
  // Cookies in the jar, Netscape format lines (curl's CURLINFO_COOKIELIST).
  std::vector<std::string> cookies() const;
  void clear_cookies();
  const std::string& base_url() const { return base_url_; }

 private:
  HttpResponse perform(const std::string& method, const std::string& path, const std::string* body,
                       const std::string& content_type, const Headers& headers);

  std::string base_url_;
  std::string bearer_;
  std::chrono::milliseconds timeout_{30000};
  std::string source_ip_;
  void* curl_ = nullptr;  // CURL*, kept out of the header
};

}  // namespace prism::testing
