#pragma once

#include "config/config.hpp"

namespace prism::app {

// Wires the configuration, store, cache, mailer, services and routes
// together once, then serves until SIGTERM/SIGINT. Returns the exit code.
int serve(const config::Config& config);

}  // namespace prism::app
