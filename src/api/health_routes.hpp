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
};

void register_health_routes(http::Router& router, std::vector<ReadinessCheck> checks,
                            const http::Metrics& metrics);

}  // namespace prism::api
