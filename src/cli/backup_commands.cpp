#include "cli/backup_commands.hpp"

#include <ctime>
#include <iostream>
#include <memory>
#include <string>

#include "app/app.hpp"
#include "cli/current_database.hpp"
#include "core/clock.hpp"
#include "services/operations/backup.hpp"

namespace prism::cli {

namespace {

// A backup or restore reads or writes whole tables: no statement timeout
// that suits a request may cut it short.
config::Config for_bulk_work(config::Config config) {
  config.database_statement_timeout_ms = 60 * 60 * 1000;
  return config;
}

std::string default_backup_name(std::int64_t now_ms) {
  std::time_t seconds = static_cast<std::time_t>(now_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char name[64];
  std::strftime(name, sizeof name, "prism-backup-%Y%m%d-%H%M%SZ.jsonl.gz", &utc);
  return name;
}

int backup_command(const config::Config& config, std::string output) {
  auto db = open_current_database(for_bulk_work(config));
  std::int64_t now = now_unix_ms();
  if (output.empty()) output = default_backup_name(now);
  std::cout << services::operations::describe(
      services::operations::backup_database(*db, output, now));
  return 0;
}

int restore_command(const config::Config& config, const std::string& file,
                    const services::operations::RestoreOptions& options) {
  try {
    // The file is checked before the database is opened: a damaged file
    // leaves the target as it was, not even created.
    auto contents = services::operations::verify_backup(file);
    auto db = app::open_database(for_bulk_work(config));
    std::cout << services::operations::describe(
        services::operations::restore_database(*db, file, options, contents));
  } catch (const services::operations::BackupError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 3;
  }
  return 0;
}

}  // namespace

void add_backup_commands(CLI::App& app, const std::function<config::Config()>& load,
                         int& exit_code) {
  auto* backup = app.add_subcommand(
      "backup", "write all of PRISM's data to one compressed, checksummed file (online)");
  auto output = std::make_shared<std::string>();
  backup->add_option("--output,-o", *output,
                     "the file to create (default: prism-backup-<UTC time>.jsonl.gz here)");
  backup->callback([&exit_code, load, output] { exit_code = backup_command(load(), *output); });

  auto* restore = app.add_subcommand(
      "restore", "load a backup into an empty database of either backend (all or nothing)");
  auto file = std::make_shared<std::string>();
  auto options = std::make_shared<services::operations::RestoreOptions>();
  restore->add_option("file", *file, "a file written by `prism backup`")->required();
  restore->add_flag("--force", options->replace, "replace everything the database holds");
  restore->add_flag("--check", options->check_only,
                    "only verify the file (and that this prism can restore it)");
  restore->callback(
      [&exit_code, load, file, options] { exit_code = restore_command(load(), *file, *options); });
}

}  // namespace prism::cli
