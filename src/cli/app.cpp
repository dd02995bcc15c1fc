#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "core/crypto.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

namespace prism::cli {

int run(int argc, char** argv) {
  crypto::init();
  CLI::App app{"PRISM: AI-assisted product requirements"};
  app.require_subcommand(1);
  auto* migrate_cmd = app.add_subcommand("migrate", "apply pending database migrations");
  migrate_cmd->callback([] {
    auto db = store::open_database("sqlite:./data/prism.db");
    auto report = store::migrate(*db);
    std::cout << "applied " << report.applied.size() << " migration(s); schema version "
              << report.current_version << "\n";
  });
  CLI11_PARSE(app, argc, argv);
  return 0;
}

}  // namespace prism::cli
