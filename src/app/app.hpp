#pragma once

#include <memory>

#include "config/config.hpp"
#include "store/database.hpp"

namespace prism::app {

// Wires the configuration, store, cache, mailer, services and routes
// together once, then serves until SIGTERM/SIGINT. Returns the exit code.
int serve(const config::Config& config);

// The database DATABASE_URL names, with the DATABASE_* settings (serve and
// migrate open it alike).
std::unique_ptr<store::Database> open_database(const config::Config& config);

}  // namespace prism::app
