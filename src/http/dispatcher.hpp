#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/activity.hpp"
#include "core/error.hpp"
#include "http/authenticator.hpp"
#include "http/metrics.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"

namespace prism::http {

struct DispatchOptions {
  std::vector<std::string> cors_allowed_origins;
  bool hsts = false;
  std::size_t max_body_bytes = 1024 * 1024;
  // Wraps authentication and handler of GET and HEAD requests, e.g. so that
  // all their database reads share one transaction (Database::in_read_scope).
  std::function<void(const std::function<void()>&)> read_scope = {};
  // Told of every request but /health, /ready and /metrics (a load
  // balancer's probes and scrapes are not someone using PRISM).
  Activity* activity = nullptr;
  // Reverse proxies in front of PRISM whose X-Forwarded-For entries name the
  // client (see client_address); 0: the connection's peer is the client.
  int trusted_proxy_hops = 0;
};

using RawResponse = beast_http::response<beast_http::string_body>;

// Everything about one request that is independent of sockets: request ids,
// CORS, routing, authentication, running the handler, mapping errors,
// security headers, metrics and the access log. The server only moves bytes.
class Dispatcher {
 public:
  Dispatcher(const Router& router, Authenticator* authenticator, Metrics& metrics,
             DispatchOptions options);

  struct Exchange {
    const RawRequest* raw = nullptr;
    std::string request_id;
    std::string client_ip;
    std::string route_template = "unmatched";
    const Route* route = nullptr;
    std::unique_ptr<Request> request;
    std::optional<Response> early;  // answered without a handler (404, preflight …)
    std::chrono::steady_clock::time_point started;
  };

  // Cheap, non-blocking: runs on the I/O thread.
  Exchange begin(const RawRequest& raw, std::string client_ip) const;
  // Whether `run` may block (database, hashing) and so belongs on a worker.
  bool needs_worker(const Exchange& ex) const;
  // Authenticates and calls the handler; never throws.
  Response run(Exchange& ex) const;
  // Adds headers, records metrics, writes the access log.
  RawResponse finish(Exchange& ex, Response res, bool keep_alive) const;

  // The body limit of the route a request header addresses, and the largest
  // limit of any route (what the parser must allow before routing).
  std::size_t body_limit(beast_http::verb method, std::string_view target) const;
  std::size_t largest_body_limit() const;

  // The answer for a request that is not served: one Beast could not parse
  // (400, 413, 431), one whose head is refused (400, 417, 501) or one that
  // did not arrive in time (408). The connection closes after it.
  RawResponse reject(const Error& error, std::string client_ip) const;

 private:
  // The client's address: the peer, or behind trusted proxies the one
  // their X-Forwarded-For entries name.
  std::string forwarded_client(const RawRequest& raw, const std::string& peer) const;
  void add_common_headers(RawResponse& out, const std::string& request_id,
                          const RawRequest* raw) const;

  const Router& router_;
  Authenticator* authenticator_;
  Metrics& metrics_;
  Response run_route(Exchange& ex) const;

  DispatchOptions options_;
};

}  // namespace prism::http
