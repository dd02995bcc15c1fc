#include "api/health_routes.hpp"

namespace prism::api {

namespace {

http::Response health(http::Request&) {
  return http::Response::json(json::object{{"status", "ok"}, {"version", PRISM_VERSION}});
}

}  // namespace

void register_health_routes(http::Router& router, std::vector<ReadinessCheck> checks,
                            const http::Metrics& metrics) {
  using http::Auth;
  using http::Run;
  using verb = http::beast_http::verb;
  router.add(verb::get, "/health", health, Auth::kNone, Run::kInline);
  router.add(verb::get, "/api/health", health, Auth::kNone, Run::kInline);
  // Readiness touches the database, so it runs on a worker.
  router.add(
      verb::get, "/ready",
      [checks = std::move(checks)](http::Request&) {
        json::object deps;
        bool ready = true;
        for (const auto& c : checks) {
          bool ok = false;
          json::object report;
          try {
            if (c.report) {
              report = c.report(ok);
            } else {
              ok = c.check();
            }
          } catch (const std::exception&) {
            ok = false;
          }
          if (c.report) {
            report["status"] = ok ? "ok" : "unavailable";
            deps[c.name] = std::move(report);
          } else {
            deps[c.name] = ok ? "ok" : "unavailable";
          }
          ready = ready && ok;
        }
        json::object body{{"status", ready ? "ready" : "unavailable"}};
        // A dependency's warning (the database near its quota) is also said at
        // the top, where a health check looks; it does not change the status.
        for (const auto& [name, dep] : deps) {
          const json::object* o = dep.if_object();
          if (o && o->contains("warning")) body["warning"] = o->at("warning");
        }
        body["dependencies"] = std::move(deps);
        return http::Response::json(body,
                                    ready ? http::Status::ok : http::Status::service_unavailable);
      },
      Auth::kNone);
  router.add(
      verb::get, "/metrics",
      [&metrics](http::Request&) {
        return http::Response::text(metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
      },
      Auth::kNone, Run::kInline);
}

}  // namespace prism::api
