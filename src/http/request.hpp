#pragma once

#include <boost/beast/http.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.hpp"

namespace prism::http {

// Whether a Content-Type names JSON ("application/json", any case, with or
// without parameters such as charset): what JSON bodies must be sent as.
bool is_json_media_type(std::string_view content_type);

namespace beast_http = boost::beast::http;
using RawRequest = beast_http::request<beast_http::string_body>;

// Who is calling: resolved from the bearer token before the handler runs.
struct Principal {
  std::string user_id;
  std::string session_id;  // empty for personal API tokens
  std::string token_id;    // set for personal API tokens
  // A personal API token with only the read scope: the dispatcher refuses
  // it every route that changes something (see Route::read_only_ok).
  bool read_only = false;
};

// What a handler sees of a request: the raw message plus what routing and
// authentication found out about it.
class Request {
 public:
  Request(const RawRequest& raw, std::string path, std::string query, std::string request_id,
          std::string client_ip);

  const RawRequest& raw() const { return raw_; }
  beast_http::verb method() const { return raw_.method(); }
  const std::string& path() const { return path_; }
  const std::string& request_id() const { return request_id_; }
  const std::string& client_ip() const { return client_ip_; }
  std::string_view header(std::string_view name) const;
  std::string_view user_agent() const { return header("User-Agent"); }
  std::string cookie(std::string_view name) const;

  // Path parameters from the route template, e.g. {id}.
  const std::string& param(std::string_view name) const;
  void set_params(std::vector<std::pair<std::string, std::string>> params) {
    params_ = std::move(params);
  }
  // Query parameters, percent-decoded; the last value wins.
  std::optional<std::string> query(std::string_view name) const;

  // The JSON object body: 415 unless Content-Type is application/json, 400
  // when malformed, 422 when not an object.
  json::object json_body() const;

  const Principal& principal() const;  // 401 when the route had no credentials
  bool authenticated() const { return principal_.has_value(); }
  void set_principal(Principal p) { principal_ = std::move(p); }

  std::string route_template;
  // Set by a handler that knows its path holds no secret (e.g. the path of a
  // public file), to be logged as it is rather than as the router would show it.
  std::string loggable_path;

 private:
  const RawRequest& raw_;
  std::string path_;
  std::vector<std::pair<std::string, std::string>> query_;
  std::vector<std::pair<std::string, std::string>> params_;
  std::string request_id_;
  std::string client_ip_;
  std::optional<Principal> principal_;
};

}  // namespace prism::http
