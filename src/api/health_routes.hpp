#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/metrics.hpp"
#include "http/router.hpp"

namespace prism::api {

// A named dependency check for /ready (the database, the cache …).
struct ReadinessCheck {
  std::string name;
  std::function<bool()> check;
  // When set, the dependency is reported as an object, {"status": …} plus
  // these fields, and decides readiness itself (the `ok` it returns).
  std::function<json::object(bool& ok)> report = nullptr;
};

void register_health_routes(http::Router& router, std::vector<ReadinessCheck> checks,
                            const http::Metrics& metrics);

}  // namespace prism::api
