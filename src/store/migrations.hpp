#pragma once

#include <string>
#include <vector>

#include "store/database.hpp"

namespace prism::store {

struct EmbeddedMigration {
  int version;
  const char* name;
  const char* dialect;  // "sqlite", "postgres" or "all" (both)
  const char* sql;
};

// Generated at build time from src/store/migrations/*.sql.
const std::vector<EmbeddedMigration>& embedded_migrations();

struct Migration {
  int version;
  std::string name;
  std::string sql;
  std::string checksum;  // SHA-256 of the SQL text
};

// The migrations for one dialect, in version order.
std::vector<Migration> migrations_for(Dialect dialect,
                                      const std::vector<EmbeddedMigration>& all = embedded_migrations());

struct MigrationReport {
  std::vector<int> applied;
  int current_version = 0;
};

// Applies every pending migration, each in its own transaction. Refuses to
// run when an applied migration's checksum changed or the database is newer
// than this binary, so a schema is never silently diverged.
MigrationReport migrate(Database& db, const std::vector<Migration>& migrations);
MigrationReport migrate(Database& db);

// Pending migration count without applying anything (for /ready and `migrate --status`).
int pending_migrations(Database& db);

}  // namespace prism::store
