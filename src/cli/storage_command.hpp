#pragma once

#include "config/config.hpp"

namespace prism::cli {

// `prism storage [--json]`: the database's size, rows and bytes per table,
// growth and use of DATABASE_QUOTA_BYTES (services/operations/storage.hpp).
int storage_command(const config::Config& config, bool as_json);

}  // namespace prism::cli
