#include "cli/storage_command.hpp"

#include <iostream>

#include "cli/current_database.hpp"
#include "core/clock.hpp"
#include "services/operations/storage.hpp"

namespace prism::cli {

int storage_command(const config::Config& config, bool as_json) {
  auto db = open_current_database(config);
  auto report = services::operations::storage_report(*db, config.storage, now_unix_ms());
  if (as_json) {
    std::cout << json::serialize(services::operations::to_json(report)) << "\n";
  } else {
    std::cout << services::operations::describe(report);
  }
  return 0;
}

}  // namespace prism::cli
