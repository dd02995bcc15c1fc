#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "api/openapi_routes.hpp"
#include "app/app.hpp"
#include "cli/admin_commands.hpp"
#include "cli/backup_commands.hpp"
#include "cli/cache_command.hpp"
#include "cli/cleanup_command.hpp"
#include "cli/keys_command.hpp"
#include "cli/storage_command.hpp"
#include "config/config.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

namespace prism::cli {

namespace {

config::Config load() {
  auto cfg = config::load_config(config::load_env());
  log::setup(cfg.log_level, cfg.log_format);
  return cfg;
}

int migrate_command(bool status_only) {
  auto cfg = load();
  auto db = app::open_database(cfg);
  if (status_only) {
    std::cout << store::pending_migrations(*db) << " pending migration(s)\n";
    return 0;
  }
  auto report = store::migrate(*db);
  std::cout << "applied " << report.applied.size() << " migration(s); schema version "
            << report.current_version << "\n";
  return 0;
}

}  // namespace

int run(int argc, char** argv) {
  crypto::init();
  CLI::App app{"PRISM: AI-assisted product requirements"};
  app.require_subcommand(1);
  int exit_code = 0;

  auto* serve = app.add_subcommand("serve", "run the HTTP API (and the web app when built)");
  serve->callback([&] { exit_code = app::serve(load()); });

  auto* migrate = app.add_subcommand("migrate", "apply pending database migrations");
  bool status_only = false;
  migrate->add_flag("--status", status_only, "only print how many migrations are pending");
  migrate->callback([&] { exit_code = migrate_command(status_only); });

  auto* openapi = app.add_subcommand(
      "openapi", "print the OpenAPI document the server serves (no server needed)");
  openapi->callback([] { std::cout << api::openapi_document_json() << "\n"; });

  auto* config_cmd = app.add_subcommand("config", "inspect the configuration");
  config_cmd->require_subcommand(1);
  auto* check =
      config_cmd->add_subcommand("check", "print the effective configuration, secrets redacted");
  check->callback([&] {
    auto cfg = config::load_config(config::load_env());
    std::cout << config::describe(cfg) << "configuration OK\n";
  });

  add_admin_commands(app, load, exit_code);
  add_backup_commands(app, load, exit_code);
  add_keys_commands(app, load, exit_code);

  auto* cleanup = app.add_subcommand(
      "cleanup", "remove expired sessions, tokens, invitations, share links and old outputs");
  bool dry_run = false;
  cleanup->add_flag("--dry-run", dry_run, "only count what would be removed");
  cleanup->callback([&] { exit_code = cleanup_command(load(), dry_run); });

  auto* storage = app.add_subcommand(
      "storage", "the database's size, rows and bytes per table, growth, and use of its quota");
  bool storage_json = false;
  storage->add_flag("--json", storage_json, "print the report as JSON");
  storage->callback([&] { exit_code = storage_command(load(), storage_json); });

  auto* cache_cmd = app.add_subcommand("cache", "maintain the shared cache");
  cache_cmd->require_subcommand(1);
  auto* clear = cache_cmd->add_subcommand(
      "clear", "clear cached AI answers, rate limits or the sessions instances keep in memory");
  std::string group = "all";
  clear->add_option("--prefix", group, "generations, sessions, ratelimits or all")
      ->check(CLI::IsMember({"generations", "sessions", "ratelimits", "all"}));
  clear->callback([&] { exit_code = cache_clear_command(load(), group); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const config::ConfigError& e) {
    std::cerr << "configuration error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return exit_code;
}

}  // namespace prism::cli
