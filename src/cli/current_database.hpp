#pragma once

#include <memory>

#include "config/config.hpp"
#include "store/database.hpp"

namespace prism::cli {

// The configured database for a maintenance command; a database with
// pending migrations (a newer binary's tables missing) is refused with a
// runtime_error telling to run `prism migrate` first.
std::unique_ptr<store::Database> open_current_database(const config::Config& config);

}  // namespace prism::cli
