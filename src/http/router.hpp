#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"

namespace prism::http {

using Handler = std::function<Response(Request&)>;

enum class Auth {
  kNone,      // public route
  kRequired,  // 401 without a valid bearer token
};

enum class Run {
  kWorker,  // the default: runs on the worker pool, may block
  kInline,  // cheap and non-blocking: runs on the I/O thread
};

struct Route {
  beast_http::verb method;
  std::string path_template;  // e.g. /api/v1/documents/{id}
  Handler handler;
  Auth auth = Auth::kRequired;
  Run run = Run::kWorker;
  // Body limit for this route; 0 uses the server's MAX_BODY_BYTES.
  std::size_t max_body_bytes = 0;
  std::vector<std::string> segments;  // split template, "{x}" for parameters
  // Parameters whose values are secrets (bearer capabilities such as a share
  // link's token), never written to logs or metrics. A parameter named
  // {token} is a secret by rule; others are named here.
  std::vector<std::string> secret_params;
  // Whether a read-only personal token may call it although its method is
  // not GET or HEAD: the route changes nothing, or checks the scope itself.
  bool read_only_ok = false;

  bool is_secret(std::string_view param) const;
};

struct Match {
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  std::vector<beast_http::verb> allowed;  // filled when the path matched but not the method
};

// Maps method + path to a handler, with {name} path parameters. Literal
// segments win over parameters, so /orgs/new can sit beside /orgs/{org}.
// HEAD is served by the GET route of a path (RFC 9110 §9.3.2) unless a HEAD
// route of its own is added.
class Router {
 public:
  Route& add(beast_http::verb method, std::string path_template, Handler handler,
             Auth auth = Auth::kRequired, Run run = Run::kWorker);
  // Answers the GET and HEAD requests no route matched (a web app's files
  // and client-side routes), except paths whose first segment is one of
  // `reserved_roots` (e.g. "api"), which keep their 404. The fallback is not
  // an API operation, so it is not listed in routes(). `name` labels it in
  // metrics and logs.
  Route& set_fallback(std::string name, Handler handler, std::vector<std::string> reserved_roots);
  // The route for method + path (the fallback's included), or null: what
  // match() finds, without taking parameters out.
  const Route* find(beast_http::verb method, std::string_view path) const;
  Match match(beast_http::verb method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }
  // The path of a request as logs and traces may show it: a matched route's
  // literal segments and parameter values, its secret parameters as their
  // "{name}". When no route matched, or only the fallback did, nothing says
  // which segment is a secret, so only the words of the route table are kept
  // and every other segment reads "{redacted}". The query is never included.
  std::string loggable_path(const Route* matched, std::string_view path) const;
  // The fallback route (its method reads GET; it answers HEAD too), or null.
  const Route* fallback() const { return fallback_ ? &*fallback_ : nullptr; }

 private:
  // The best route of `method` for the path's parts; the methods of other
  // routes that fit the path are added to `other_methods` when given.
  const Route* scan(beast_http::verb method, const std::vector<std::string_view>& parts,
                    std::vector<beast_http::verb>* other_methods) const;
  const Route* find(beast_http::verb method, const std::vector<std::string_view>& parts) const;
  std::vector<Route> routes_;
  std::optional<Route> fallback_;
  std::vector<std::string> reserved_roots_;
  std::vector<std::string> literal_words_;  // every literal segment of every route, sorted
};

std::vector<std::string_view> split_path(std::string_view path);

}  // namespace prism::http
