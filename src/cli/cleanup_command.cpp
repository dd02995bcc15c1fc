#include "cli/cleanup_command.hpp"

#include <iostream>

#include "cli/current_database.hpp"
#include "core/clock.hpp"
#include "services/operations/cleanup.hpp"

namespace prism::cli {

int cleanup_command(const config::Config& config, bool dry_run) {
  auto db = open_current_database(config);
  auto report = services::operations::cleanup(*db, config.retention, dry_run, now_unix_ms());
  std::cout << services::operations::describe(report);
  return 0;
}

}  // namespace prism::cli
