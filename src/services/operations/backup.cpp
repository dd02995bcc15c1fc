#include "services/operations/backup.hpp"

#include <chrono>
#include <sstream>

#include "store/backup_store.hpp"
#include "store/migrations.hpp"
#include "store/storage_store.hpp"

namespace prism::services::operations {

namespace {

namespace bk = store::backup;
using Clock = std::chrono::steady_clock;

// Rows read per query, and rows or bytes of them held before an insert.
constexpr int kPageRows = 256;
constexpr std::size_t kLoadRows = 500;
constexpr std::size_t kLoadBytes = 8 * 1024 * 1024;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::size_t size_of(const std::vector<store::Value>& values) {
  std::size_t n = 0;
  for (const auto& v : values) {
    n += 16;
    if (auto* s = std::get_if<std::string>(&v)) n += s->size();
  }
  return n;
}

void refuse_unknown_tables(store::Tx& tx) {
  auto unknown = bk::unknown_tables(tx);
  if (unknown.empty()) return;
  std::string names;
  for (const auto& t : unknown) names += (names.empty() ? "" : ", ") + t;
  throw std::runtime_error("the database has tables this prism does not know (" + names +
                           "): use the prism that created them");
}

void write_table(store::Tx& tx, const bk::Table& table, BackupWriter& out, BackupContents& into) {
  auto columns = bk::columns(tx, table);
  auto keys = bk::key_positions(table, columns);
  out.begin_table(table.name, columns);
  std::int64_t rows = 0;
  std::vector<store::Value> after;
  for (;;) {
    auto page = bk::read_page(tx, table, columns, after, kPageRows);
    for (const auto& row : page) out.row(row);
    rows += static_cast<std::int64_t>(page.size());
    if (page.size() < static_cast<std::size_t>(kPageRows)) break;
    after.clear();
    for (auto k : keys) after.push_back(page.back()[k]);
  }
  out.end_table();
  into.tables.emplace_back(table.name, rows);
  into.rows += rows;
}

// Which columns of the file's table go where, checked against the database.
std::vector<std::string> load_columns(store::Tx& tx, const std::string& table,
                                      const std::vector<std::string>& file_columns) {
  const bk::Table* spec = bk::find_table(table);
  if (!spec) {
    throw BackupError("the backup holds a table this prism does not know (" + table +
                      "); restore it with the prism that made it");
  }
  auto have = bk::columns(tx, *spec);
  for (const auto& c : file_columns) {
    if (std::find(have.begin(), have.end(), c) == have.end()) {
      throw BackupError("the backup's table " + table + " has a column this database lacks (" + c +
                        ")");
    }
  }
  return file_columns;
}

std::int64_t clear_target(store::Tx& tx, bool replace) {
  std::int64_t rows = 0;
  const auto& tables = bk::tables();
  for (const auto& t : tables) {
    // When a maintenance job last ran is not the data a restore protects.
    if (t.name == "maintenance_runs") continue;
    if (std::int64_t n = store::storage::count_rows(tx, t.name); n > 0 && !replace) {
      throw std::runtime_error("the database is not empty (" + std::string(t.name) + " has " +
                               std::to_string(n) +
                               " rows): restore into an empty database, or pass --force to "
                               "replace everything in it");
    } else {
      rows += n;
    }
  }
  for (auto it = tables.rbegin(); it != tables.rend(); ++it) bk::delete_all(tx, *it);
  return rows;
}

void load(store::Tx& tx, const std::filesystem::path& path) {
  BackupReader in(path);
  const bk::Table* table = nullptr;
  std::vector<std::string> columns;
  std::vector<std::vector<store::Value>> batch;
  std::size_t batch_bytes = 0;
  auto flush = [&] {
    bk::insert_rows(tx, *table, columns, batch);
    batch.clear();
    batch_bytes = 0;
  };
  for (;;) {
    auto item = in.next();
    switch (item.kind) {
      case BackupReader::Item::Kind::kTable:
        columns = load_columns(tx, item.table, item.columns);
        table = bk::find_table(item.table);
        break;
      case BackupReader::Item::Kind::kRow:
        batch_bytes += size_of(item.values);
        batch.push_back(std::move(item.values));
        if (batch.size() >= kLoadRows || batch_bytes >= kLoadBytes) flush();
        break;
      case BackupReader::Item::Kind::kTableEnd:
        flush();
        break;
      case BackupReader::Item::Kind::kEnd:
        bk::refresh_search(tx);
        bk::number_stories(tx);
        return;
    }
  }
}

// The schema level PRISM's own migrations reached, the same number on both
// backends: some migrations exist for one backend only, so a database
// migrated completely is at the newest level of all, whatever it applied.
int newest_level() {
  int newest = 0;
  for (const auto& m : store::embedded_migrations()) newest = std::max(newest, m.version);
  return newest;
}
int schema_level(store::Dialect dialect, int applied) {
  auto own = store::migrations_for(dialect);
  bool complete = own.empty() || applied >= own.back().version;
  return complete ? newest_level() : applied;
}

std::string source_name(store::Dialect d) {
  return d == store::Dialect::kSqlite ? "sqlite" : "postgresql";
}

}  // namespace

BackupReport backup_database(store::Database& db, const std::filesystem::path& path,
                             std::int64_t now_ms) {
  auto start = Clock::now();
  BackupReport report;
  report.path = path;
  // One read transaction: every table as of one moment. On PostgreSQL a
  // lost connection runs the function again, so it starts a fresh file.
  db.with_read([&](store::Tx& tx) {
    refuse_unknown_tables(tx);
    report.contents = {};
    auto& header = report.contents.header;
    header.schema_version = schema_level(tx.dialect(), bk::schema_version(tx));
    header.source = source_name(tx.dialect());
    header.created_at = now_ms;
    header.prism_version = PRISM_VERSION;
    BackupWriter out(path);
    out.header(header);
    for (const auto& table : bk::tables()) write_table(tx, table, out, report.contents);
    out.finish();
  });
  report.bytes = std::filesystem::file_size(path);
  report.seconds = seconds_since(start);
  return report;
}

BackupContents verify_backup(const std::filesystem::path& path) {
  BackupReader in(path);
  BackupContents out;
  out.header = in.header();
  for (;;) {
    auto item = in.next();
    if (item.kind == BackupReader::Item::Kind::kTableEnd) {
      out.tables.emplace_back(item.table, item.rows);
    } else if (item.kind == BackupReader::Item::Kind::kEnd) {
      out.rows = item.rows;
      return out;
    }
  }
}

RestoreReport restore_database(store::Database& db, const std::filesystem::path& path,
                               const RestoreOptions& options) {
  return restore_database(db, path, options, verify_backup(path));
}

RestoreReport restore_database(store::Database& db, const std::filesystem::path& path,
                               const RestoreOptions& options, const BackupContents& verified) {
  auto start = Clock::now();
  RestoreReport report;
  report.check_only = options.check_only;
  report.contents = verified;
  auto migrations = store::migrations_for(db.dialect());
  int known = newest_level();
  if (report.contents.header.schema_version > known) {
    throw BackupError("the backup was made by a newer PRISM (schema version " +
                      std::to_string(report.contents.header.schema_version) +
                      "; this prism knows up to " + std::to_string(known) +
                      "): upgrade prism to restore it");
  }
  if (options.check_only) {
    report.seconds = seconds_since(start);
    return report;
  }
  store::migrate(db, migrations);
  db.with_write([&](store::Tx& tx) {
    refuse_unknown_tables(tx);
    report.replaced_rows = clear_target(tx, options.replace);
    load(tx, path);
  });
  report.seconds = seconds_since(start);
  return report;
}

std::string describe(const BackupReport& report) {
  std::ostringstream out;
  const auto& c = report.contents;
  for (const auto& [table, rows] : c.tables) out << "  " << table << ": " << rows << " rows\n";
  out << "backed up " << c.tables.size() << " tables, " << c.rows << " rows (schema version "
      << c.header.schema_version << ", from " << c.header.source << ") to " << report.path.string()
      << ": " << report.bytes << " bytes in " << report.seconds << " s\n";
  return out.str();
}

std::string describe(const RestoreReport& report) {
  std::ostringstream out;
  const auto& c = report.contents;
  for (const auto& [table, rows] : c.tables) out << "  " << table << ": " << rows << " rows\n";
  if (report.check_only) {
    out << "the backup is intact: " << c.tables.size() << " tables, " << c.rows
        << " rows, schema version " << c.header.schema_version << ", made from " << c.header.source
        << " by PRISM " << c.header.prism_version << "; nothing was restored\n";
    return out.str();
  }
  if (report.replaced_rows > 0) {
    out << "replaced " << report.replaced_rows << " rows the database held\n";
  }
  out << "restored " << c.tables.size() << " tables, " << c.rows << " rows (schema version "
      << c.header.schema_version << ", made from " << c.header.source << ") in " << report.seconds
      << " s\n";
  return out.str();
}

}  // namespace prism::services::operations
