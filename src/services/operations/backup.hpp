#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "services/operations/backup_file.hpp"
#include "store/database.hpp"

namespace prism::services::operations {

// What a backup file holds: its header and the rows of each table.
struct BackupContents {
  BackupHeader header;
  std::vector<std::pair<std::string, std::int64_t>> tables;
  std::int64_t rows = 0;
};

struct BackupReport {
  std::filesystem::path path;
  BackupContents contents;
  std::uintmax_t bytes = 0;  // of the compressed file
  double seconds = 0;
};

// Writes every row of PRISM's data (see store/backup_store.hpp for which
// tables) to a new file at `path`, read in one snapshot (one read
// transaction) while the server keeps serving. Refuses a database holding
// tables this binary does not know how to copy.
BackupReport backup_database(store::Database& db, const std::filesystem::path& path,
                             std::int64_t now_ms);

// Reads the whole file and checks it (structure, counts, checksum, format);
// throws BackupError when it is damaged or not a backup.
BackupContents verify_backup(const std::filesystem::path& path);

struct RestoreOptions {
  bool replace = false;  // delete what the database holds first (`--force`)
  bool check_only = false;
};
struct RestoreReport {
  BackupContents contents;
  std::int64_t replaced_rows = 0;
  bool check_only = false;
  double seconds = 0;
};

// Loads a backup into `db`, of either backend: verifies the whole file
// first, refuses a file from a newer schema, applies this binary's
// migrations, refuses a database that holds data unless `replace`, then
// loads every row in one write transaction, so it is all or nothing (the
// checksum is checked again as the rows load). With `check_only` it stops
// before changing anything.
RestoreReport restore_database(store::Database& db, const std::filesystem::path& path,
                               const RestoreOptions& options);
// The same for a file verify_backup() already read as `verified`.
RestoreReport restore_database(store::Database& db, const std::filesystem::path& path,
                               const RestoreOptions& options, const BackupContents& verified);

std::string describe(const BackupReport& report);
std::string describe(const RestoreReport& report);

}  // namespace prism::services::operations
