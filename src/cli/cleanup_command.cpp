#include "cli/cleanup_command.hpp"

#include <iostream>

#include "app/app.hpp"
#include "core/clock.hpp"
#include "services/operations/cleanup.hpp"
#include "store/migrations.hpp"

namespace prism::cli {

int cleanup_command(const config::Config& config, bool dry_run) {
  auto db = app::open_database(config);
  if (int pending = store::pending_migrations(*db); pending > 0) {
    std::cerr << "error: the database has " << pending
              << " pending migration(s); run `prism migrate` (or start the server) first\n";
    return 1;
  }
  auto report = services::operations::cleanup(*db, config.retention, dry_run, now_unix_ms());
  std::cout << services::operations::describe(report);
  return 0;
}

}  // namespace prism::cli
