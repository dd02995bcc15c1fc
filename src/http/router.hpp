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
};

struct Match {
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  std::vector<beast_http::verb> allowed;  // filled when the path matched but not the method
};

// Maps method + path to a handler, with {name} path parameters. Literal
// segments win over parameters, so /orgs/new can sit beside /orgs/{org}.
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
};

std::vector<std::string_view> split_path(std::string_view path);

}  // namespace prism::http
