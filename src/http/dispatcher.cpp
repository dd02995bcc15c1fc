#include "http/dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "http/client_address.hpp"
#include "http/problem.hpp"

namespace prism::http {

namespace {

constexpr std::string_view kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

std::string_view bearer_of(std::string_view authorization) {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() <= kScheme.size()) return {};
  if (!std::equal(kScheme.begin(), kScheme.end(), authorization.begin(),
                  [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
    return {};
  }
  authorization.remove_prefix(kScheme.size());
  while (!authorization.empty() && authorization.front() == ' ') authorization.remove_prefix(1);
  return authorization;
}

Response method_not_allowed(const std::vector<beast_http::verb>& allowed) {
  Response res = problem_response(
      Error(ErrorCode::kMethodNotAllowed, "this path does not support that method"));
  std::string allow;
  for (auto v : allowed)
    allow += (allow.empty() ? "" : ", ") + std::string(beast_http::to_string(v));
  res.header("Allow", allow);
  return res;
}

}  // namespace

Dispatcher::Dispatcher(const Router& router, Authenticator* authenticator, Metrics& metrics,
                       DispatchOptions options)
    : router_(router),
      authenticator_(authenticator),
      metrics_(metrics),
      options_(std::move(options)) {}

std::string Dispatcher::forwarded_client(const RawRequest& raw, const std::string& peer) const {
  if (options_.trusted_proxy_hops <= 0) return peer;
  std::string forwarded;
  auto [first, last] = raw.equal_range("X-Forwarded-For");
  for (auto it = first; it != last; ++it) {
    forwarded += (forwarded.empty() ? "" : ",") + std::string(it->value());
  }
  return client_address(peer, forwarded, options_.trusted_proxy_hops);
}

Dispatcher::Exchange Dispatcher::begin(const RawRequest& raw, std::string client_ip) const {
  Exchange ex;
  ex.raw = &raw;
  ex.started = std::chrono::steady_clock::now();
  ex.client_ip = forwarded_client(raw, client_ip);
  auto incoming = raw.find("X-Request-ID");
  ex.request_id = incoming != raw.end() && valid_request_id(incoming->value())
                      ? std::string(incoming->value())
                      : new_id();
  metrics_.request_started();

  std::string_view target = raw.target();
  auto qpos = target.find('?');
  std::string path(target.substr(0, qpos));
  std::string query = qpos == std::string_view::npos ? "" : std::string(target.substr(qpos + 1));
  if (options_.activity != nullptr && path != "/health" && path != "/ready" && path != "/metrics") {
    options_.activity->note();
  }

  // CORS preflight: answered here for any path, allowed origins only.
  if (raw.method() == beast_http::verb::options &&
      raw.find("Access-Control-Request-Method") != raw.end()) {
    Response res = Response::no_content();
    ex.route_template = "preflight";
    ex.early = std::move(res);
    return ex;
  }

  Match m = router_.match(raw.method(), path);
  if (!m.route) {
    ex.early = m.allowed.empty() ? problem_response(Error(ErrorCode::kNotFound, "no such endpoint"))
                                 : method_not_allowed(m.allowed);
    return ex;
  }
  ex.route = m.route;
  ex.route_template = m.route->path_template;
  try {
    ex.request = std::make_unique<Request>(raw, std::move(path), std::move(query), ex.request_id,
                                           ex.client_ip);
  } catch (const Error& e) {
    ex.early = problem_response(e);
    return ex;
  }
  ex.request->set_params(std::move(m.params));
  ex.request->route_template = ex.route_template;
  return ex;
}

std::size_t Dispatcher::body_limit(beast_http::verb method, std::string_view target) const {
  const Route* route = router_.find(method, target.substr(0, target.find('?')));
  return route && route->max_body_bytes ? route->max_body_bytes : options_.max_body_bytes;
}

std::size_t Dispatcher::largest_body_limit() const {
  std::size_t out = options_.max_body_bytes;
  for (const auto& r : router_.routes()) out = std::max(out, r.max_body_bytes);
  return out;
}

bool Dispatcher::needs_worker(const Exchange& ex) const {
  return !ex.early && ex.route->run == Run::kWorker;
}

Response Dispatcher::run(Exchange& ex) const {
  if (ex.early) return std::move(*ex.early);
  auto method = ex.raw->method();
  if (options_.read_scope &&
      (method == beast_http::verb::get || method == beast_http::verb::head)) {
    Response res;
    options_.read_scope([&] { res = run_route(ex); });
    return res;
  }
  return run_route(ex);
}

Response Dispatcher::run_route(Exchange& ex) const {
  log::RequestIdScope scope(ex.request_id);
  try {
    if (ex.route->auth == Auth::kRequired) {
      std::string_view bearer = bearer_of(ex.request->header("Authorization"));
      std::optional<Principal> principal;
      if (!bearer.empty() && authenticator_)
        principal = authenticator_->authenticate(bearer, *ex.request);
      if (!principal) {
        Response res = problem_response(unauthorized(
            bearer.empty() ? "authentication required" : "the access token is invalid or expired"));
        res.header("WWW-Authenticate", "Bearer");
        return res;
      }
      // A read-only token changes nothing, whichever route it tries.
      if (principal->read_only && !ex.route->read_only_ok &&
          ex.raw->method() != beast_http::verb::get && ex.raw->method() != beast_http::verb::head) {
        return problem_response(
            Error(ErrorCode::kForbidden,
                  "this personal API token may only read; create a token with the write scope "
                  "to make changes")
                .with_machine_code("read_only_token"));
      }
      ex.request->set_principal(std::move(*principal));
    }
    return ex.route->handler(*ex.request);
  } catch (const Error& e) {
    if (e.code() == ErrorCode::kInternal) {
      spdlog::error("{} {}: {}", ex.route_template, beast_http::to_string(ex.raw->method()),
                    e.internal_message());
    }
    return problem_response(e);
  } catch (const std::exception& e) {
    spdlog::error("{} {}: unhandled exception: {}", ex.route_template,
                  std::string(beast_http::to_string(ex.raw->method())), e.what());
    return problem_response(Error(ErrorCode::kInternal, "internal error"));
  }
}

void Dispatcher::add_common_headers(RawResponse& out, const std::string& request_id,
                                    const RawRequest* raw) const {
  out.set("X-Request-ID", request_id);
  out.set("X-Content-Type-Options", "nosniff");
  out.set("Referrer-Policy", "no-referrer");
  if (out.find("Content-Security-Policy") == out.end()) out.set("Content-Security-Policy", kCsp);
  out.set("X-Frame-Options", "DENY");
  out.set("Cross-Origin-Opener-Policy", "same-origin");
  if (options_.hsts) out.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (out.find(beast_http::field::cache_control) == out.end()) out.set("Cache-Control", "no-store");
  if (!raw) return;
  auto origin = raw->find(beast_http::field::origin);
  if (origin == raw->end()) return;
  const auto& allowed = options_.cors_allowed_origins;
  if (std::find(allowed.begin(), allowed.end(), origin->value()) == allowed.end()) return;
  out.set("Access-Control-Allow-Origin", origin->value());
  out.set("Access-Control-Allow-Credentials", "true");
  // A static file already varies by Accept-Encoding; keep both.
  auto vary = out.find(beast_http::field::vary);
  out.set(beast_http::field::vary,
          vary == out.end() ? std::string("Origin") : std::string(vary->value()) + ", Origin");
  out.set("Access-Control-Expose-Headers",
          "ETag, X-Request-ID, Retry-After, RateLimit, RateLimit-Policy, Location");
  if (raw->method() == beast_http::verb::options) {
    out.set("Access-Control-Allow-Methods", "GET, POST, PATCH, PUT, DELETE, OPTIONS");
    out.set("Access-Control-Allow-Headers",
            "Authorization, Content-Type, If-Match, X-Request-ID, Last-Event-ID");
    out.set("Access-Control-Max-Age", "600");
  }
}

RawResponse Dispatcher::finish(Exchange& ex, Response res, bool keep_alive) const {
  RawResponse out{res.status, ex.raw->version()};
  for (auto& [name, value] : res.headers) out.set(name, value);
  if (!res.content_type.empty()) out.set(beast_http::field::content_type, res.content_type);
  add_common_headers(out, ex.request_id, ex.raw);
  out.body() = std::move(res.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  if (ex.raw->method() == beast_http::verb::head) {
    // HEAD announces what a GET would get, without the bytes: its length, or
    // for a streamed answer its chunked framing (the stream is not run).
    out.body().clear();
    if (res.stream) {
      res.stream->close();
      out.erase(beast_http::field::content_length);
      out.chunked(true);
    }
  }

  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - ex.started).count();
  std::string_view method = beast_http::to_string(ex.raw->method());
  int status = static_cast<int>(res.status);
  metrics_.observe(ex.route_template, method, status, seconds);
  metrics_.request_finished();
  if (!log::access_enabled()) return out;
  std::string user =
      ex.request && ex.request->authenticated() ? ex.request->principal().user_id : "";
  // The path as the router may show it: secrets (share links, invitations)
  // are never logged, and neither is the query.
  std::string_view target = ex.raw->target();
  std::string logged_path =
      ex.request && !ex.request->loggable_path.empty()
          ? ex.request->loggable_path
          : router_.loggable_path(ex.route, target.substr(0, target.find('?')));
  log::access(fmt::format(
      R"("request_id":"{}","method":"{}","route":"{}","path":"{}","status":{},"duration_ms":{:.3f},"bytes":{},"ip":"{}","user_id":"{}")",
      ex.request_id, method, log::json_escape(ex.route_template), log::json_escape(logged_path),
      status, seconds * 1000, out.body().size(), log::json_escape(ex.client_ip), user));
  return out;
}

RawResponse Dispatcher::reject(const Error& error, std::string client_ip) const {
  Response res = problem_response(error);
  RawResponse out{res.status, 11};
  out.set(beast_http::field::content_type, res.content_type);
  add_common_headers(out, new_id(), nullptr);
  out.body() = std::move(res.body);
  out.keep_alive(false);
  out.prepare_payload();
  metrics_.observe("unparsed", "-", static_cast<int>(res.status), 0);
  log::access(fmt::format(R"("method":"-","route":"unparsed","status":{},"ip":"{}")",
                          static_cast<int>(res.status), log::json_escape(client_ip)));
  return out;
}

}  // namespace prism::http
