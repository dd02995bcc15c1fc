#include "cli/current_database.hpp"

#include <stdexcept>
#include <string>

#include "app/app.hpp"
#include "store/migrations.hpp"

namespace prism::cli {

std::unique_ptr<store::Database> open_current_database(const config::Config& config) {
  auto db = app::open_database(config);
  if (int pending = store::pending_migrations(*db); pending > 0) {
    throw std::runtime_error("the database has " + std::to_string(pending) +
                             " pending migration(s); run `prism migrate` (or start the server)"
                             " first");
  }
  return db;
}

}  // namespace prism::cli
