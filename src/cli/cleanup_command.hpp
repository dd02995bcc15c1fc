#pragma once

#include "config/config.hpp"

namespace prism::cli {

// `prism cleanup [--dry-run]`: removes what has expired from the configured
// database (services/operations/cleanup.hpp) and prints what, per kind.
int cleanup_command(const config::Config& config, bool dry_run);

}  // namespace prism::cli
