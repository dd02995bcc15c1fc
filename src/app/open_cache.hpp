#pragma once

#include <memory>

#include "cache/resilient_cache.hpp"
#include "config/cache_config.hpp"

namespace prism::app {

// The cache the configuration asks for: in-process alone, or Redis (RESP) or
// Upstash (REST) with the in-process fallback. Connects lazily in the
// background: a Redis that is down does not stop start-up.
std::unique_ptr<cache::ResilientCache> open_cache(const config::CacheConfig& config);

}  // namespace prism::app
