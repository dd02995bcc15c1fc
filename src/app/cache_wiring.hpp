#pragma once

#include <string>

#include "api/health_routes.hpp"
#include "cache/resilient_cache.hpp"

namespace prism::app {

// The `cache` entry of /ready: down (503) when the remote backend is, with
// the cause; the spent daily budget is a field and still ready (200), since
// the in-process fallback serves every request then.
api::ReadinessCheck cache_readiness(cache::ResilientCache& cache);

// prism_cache_commands_total (today, UTC) and prism_cache_command_budget.
std::string cache_metrics(const cache::ResilientCache& cache);

}  // namespace prism::app
