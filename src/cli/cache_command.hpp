#pragma once

#include <string>

#include "config/config.hpp"

namespace prism::cli {

// `prism cache clear [--prefix generations|sessions|ratelimits|all]`: clears
// that part of the configured cache (Redis, Upstash, or nothing shared for
// the in-process default) and prints what it removed. Exit code 0 when done,
// 1 when the cache could not be reached (nothing is reported as cleared then).
int cache_clear_command(const config::Config& config, const std::string& group);

}  // namespace prism::cli
