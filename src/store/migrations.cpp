#include "store/migrations.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "core/clock.hpp"
#include "core/crypto.hpp"

namespace prism::store {

namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL)";
constexpr std::string_view kSelectApplied =
    "SELECT version, checksum FROM schema_migrations ORDER BY version";
constexpr std::string_view kInsertApplied =
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?1, ?2, ?3, ?4)";

std::map<int, std::string> applied_versions(Tx& tx) {
  std::map<int, std::string> out;
  for (const auto& row : tx.query(kSelectApplied)) {
    out.emplace(static_cast<int>(row.i64(0)), row.str(1));
  }
  return out;
}

void verify(const std::map<int, std::string>& applied, const std::vector<Migration>& migrations) {
  for (const auto& [version, checksum] : applied) {
    // Init-capture: clang before 16 cannot capture a structured binding.
    auto it = std::find_if(migrations.begin(), migrations.end(),
                           [v = version](const Migration& m) { return m.version == v; });
    if (it == migrations.end()) {
      throw std::runtime_error("database has migration " + std::to_string(version) +
                               " which this binary does not know: it is newer than this build");
    }
    if (it->checksum != checksum) {
      throw std::runtime_error("migration " + std::to_string(version) + " (" + it->name +
                               ") changed after it was applied: checksum mismatch");
    }
  }
}

}  // namespace

std::vector<Migration> migrations_for(Dialect dialect, const std::vector<EmbeddedMigration>& all) {
  std::string_view want = dialect == Dialect::kSqlite ? "sqlite" : "postgres";
  std::vector<Migration> out;
  for (const auto& m : all) {
    if (m.dialect != want && std::string_view(m.dialect) != "all") continue;
    out.push_back({m.version, m.name, m.sql, crypto::sha256_hex(m.sql)});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (out[i].version == out[i - 1].version) {
      throw std::logic_error("two migrations share version " + std::to_string(out[i].version));
    }
  }
  return out;
}

MigrationReport migrate(Database& db, const std::vector<Migration>& migrations) {
  MigrationReport report;
  db.write([&](Tx& tx) { tx.exec(kCreateTable); });
  auto applied = db.read([](Tx& tx) { return applied_versions(tx); });
  verify(applied, migrations);
  for (const auto& m : migrations) {
    if (applied.contains(m.version)) continue;
    db.write([&](Tx& tx) {
      // Re-check inside the write lock: another process may have applied it.
      if (tx.query_one("SELECT 1 FROM schema_migrations WHERE version = ?1", {std::int64_t{m.version}})) return;
      tx.exec_script(m.sql);
      tx.exec(kInsertApplied, {std::int64_t{m.version}, m.name, m.checksum, now_unix_ms()});
      report.applied.push_back(m.version);
    });
  }
  report.current_version = migrations.empty() ? 0 : migrations.back().version;
  return report;
}

MigrationReport migrate(Database& db) { return migrate(db, migrations_for(db.dialect())); }

int pending_migrations(Database& db) {
  auto migrations = migrations_for(db.dialect());
  db.write([&](Tx& tx) { tx.exec(kCreateTable); });
  auto applied = db.read([](Tx& tx) { return applied_versions(tx); });
  verify(applied, migrations);
  return static_cast<int>(std::count_if(migrations.begin(), migrations.end(),
                                        [&](const Migration& m) { return !applied.contains(m.version); }));
}

}  // namespace prism::store
