#include "services/operations/storage.hpp"

#include <spdlog/spdlog.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "core/clock.hpp"
#include "store/backup_store.hpp"
#include "store/storage_store.hpp"

namespace prism::services::operations {

namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

double percent_of(std::int64_t bytes, std::int64_t quota) {
  return std::round(1000.0 * static_cast<double>(bytes) / static_cast<double>(quota)) / 10.0;
}

std::string percent_text(double p) {
  char out[16];
  std::snprintf(out, sizeof out, "%.1f%%", p);
  return out;
}

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::int64_t per(std::int64_t bytes, std::int64_t count) { return count > 0 ? bytes / count : 0; }

Growth estimate(const std::vector<TableUse>& tables, bool week) {
  Growth g;
  for (const auto& t : tables) {
    auto rows = week ? t.rows_last_7_days : t.rows_last_30_days;
    if (!rows || t.rows == 0) continue;
    g.rows += *rows;
    g.bytes += static_cast<std::int64_t>(static_cast<double>(t.bytes) * static_cast<double>(*rows) /
                                         static_cast<double>(t.rows));
  }
  return g;
}

json::object growth_json(const Growth& g) { return {{"rows", g.rows}, {"bytes", g.bytes}}; }

json::value optional_json(const std::optional<std::int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

}  // namespace

std::optional<std::string> quota_warning(std::int64_t bytes, const config::StorageConfig& config) {
  if (config.quota_bytes <= 0) return std::nullopt;
  double p = percent_of(bytes, config.quota_bytes);
  if (p < config.warn_percent) return std::nullopt;
  return "the database uses " + percent_text(p) + " of DATABASE_QUOTA_BYTES (" +
         config::human_bytes(bytes) + " of " + config::human_bytes(config.quota_bytes) +
         "): free space (prism cleanup) or raise the quota before writes fail";
}

StorageReport storage_report(store::Database& db, const config::StorageConfig& config,
                             std::int64_t now_ms) {
  namespace st = store::storage;
  StorageReport r;
  r.measured_at = now_ms;
  r.quota_bytes = config.quota_bytes;
  db.with_read([&](store::Tx& tx) {
    r.backend = tx.dialect() == store::Dialect::kSqlite ? "sqlite" : "postgresql";
    r.database_bytes = st::database_bytes(tx);
    std::map<std::string, std::int64_t> bytes;
    for (auto& [name, size] : st::table_bytes(tx)) bytes[name] = size;
    r.tables.clear();
    for (const auto& table : store::backup::tables()) {
      TableUse use;
      use.name = std::string(table.name);
      use.rows = st::count_rows(tx, table.name);
      use.bytes = bytes[use.name];
      bytes.erase(use.name);
      use.rows_last_7_days = st::rows_created_since(tx, table.name, now_ms - 7 * kDayMs);
      use.rows_last_30_days = st::rows_created_since(tx, table.name, now_ms - 30 * kDayMs);
      r.tables.push_back(std::move(use));
    }
    // What is left: SQLite's search index tables and the migrations' record.
    r.search_index_bytes = 0;
    for (const auto& [name, size] : bytes) {
      if (name != "schema_migrations") r.search_index_bytes += size;
    }
  });
  auto table = [&](std::string_view name) -> const TableUse& {
    for (const auto& t : r.tables) {
      if (t.name == name) return t;
    }
    throw std::logic_error("no table " + std::string(name));
  };
  r.bytes_per_document =
      per(table("documents").bytes + table("document_versions").bytes + r.search_index_bytes,
          table("documents").rows);
  r.bytes_per_generation = per(table("generations").bytes + table("generation_event_pages").bytes,
                               table("generations").rows);
  r.last_7_days = estimate(r.tables, true);
  r.last_30_days = estimate(r.tables, false);
  if (config.quota_bytes > 0) r.used_percent = percent_of(r.database_bytes, config.quota_bytes);
  r.warning = quota_warning(r.database_bytes, config);
  return r;
}

json::object to_json(const StorageReport& r) {
  json::array tables;
  for (const auto& t : r.tables) {
    tables.push_back(json::object{{"name", t.name},
                                  {"rows", t.rows},
                                  {"bytes", t.bytes},
                                  {"rows_last_7_days", optional_json(t.rows_last_7_days)},
                                  {"rows_last_30_days", optional_json(t.rows_last_30_days)}});
  }
  return json::object{
      {"backend", r.backend},
      {"database_bytes", r.database_bytes},
      {"quota_bytes", r.quota_bytes > 0 ? json::value(r.quota_bytes) : json::value(nullptr)},
      {"used_percent", r.used_percent ? json::value(*r.used_percent) : json::value(nullptr)},
      {"warning", r.warning ? json::value(*r.warning) : json::value(nullptr)},
      {"tables", std::move(tables)},
      {"search_index_bytes", r.search_index_bytes},
      {"growth", json::object{{"last_7_days", growth_json(r.last_7_days)},
                              {"last_30_days", growth_json(r.last_30_days)}}},
      {"bytes_per_document", r.bytes_per_document},
      {"bytes_per_generation", r.bytes_per_generation},
      {"measured_at", rfc3339_ms(r.measured_at)}};
}

std::string describe(const StorageReport& r) {
  std::ostringstream out;
  out << "database (" << r.backend << "): " << config::human_bytes(r.database_bytes);
  if (r.quota_bytes > 0) {
    out << " of " << config::human_bytes(r.quota_bytes) << " (" << percent_text(*r.used_percent)
        << " of DATABASE_QUOTA_BYTES)";
  } else {
    out << " (DATABASE_QUOTA_BYTES unset)";
  }
  out << "\n\ntable\trows\tbytes\trows added in 7 days\tin 30 days\n";
  auto added = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : "-"; };
  for (const auto& t : r.tables) {
    out << t.name << "\t" << t.rows << "\t" << t.bytes << "\t" << added(t.rows_last_7_days) << "\t"
        << added(t.rows_last_30_days) << "\n";
  }
  if (r.search_index_bytes > 0) out << "(search index)\t-\t" << r.search_index_bytes << "\t-\t-\n";
  out << "\ngrowth, last 7 days: " << r.last_7_days.rows << " rows, about "
      << config::human_bytes(r.last_7_days.bytes) << "\n"
      << "growth, last 30 days: " << r.last_30_days.rows << " rows, about "
      << config::human_bytes(r.last_30_days.bytes) << "\n"
      << "(growth is estimated from the rows created in the period and each table's bytes per "
         "row)\n"
      << "bytes per document (with its versions and search index): " << r.bytes_per_document << "\n"
      << "bytes per generation (with its event pages): " << r.bytes_per_generation << "\n";
  if (r.warning) out << "\nwarning: " << *r.warning << "\n";
  return out.str();
}

StorageMonitor::StorageMonitor(store::Database& db, config::StorageConfig config,
                               const Activity* activity, std::chrono::milliseconds every)
    : db_(db), config_(config), activity_(activity), every_(every) {
  auto first = std::make_shared<std::atomic<bool>>(true);
  thread_ = std::make_unique<PeriodicThread>("prism-storage", every_, [this, first] {
    bool at_start = first->exchange(false);
    if (!at_start && activity_ != nullptr && !activity_->within(every_)) return;
    sample(now_unix_ms());
  });
  thread_->wake();
}

bool StorageMonitor::sample(std::int64_t now_ms) {
  std::int64_t bytes = 0;
  try {
    bytes = db_.read([](store::Tx& tx) { return store::storage::database_bytes(tx); });
  } catch (const std::exception& e) {
    spdlog::debug("database size not measured: {}", e.what());
    return false;
  }
  bytes_.store(bytes);
  sampled_at_.store(steady_ms());
  if (auto warning = quota_warning(bytes, config_)) {
    std::int64_t day = now_ms / kDayMs;
    if (warned_day_.exchange(day) != day) spdlog::warn("{}", *warning);
  }
  return true;
}

std::optional<std::int64_t> StorageMonitor::database_bytes() const {
  std::int64_t b = bytes_.load();
  return b < 0 ? std::nullopt : std::optional<std::int64_t>(b);
}

json::object StorageMonitor::readiness() {
  constexpr std::int64_t kFreshMs = 5000;
  if (steady_ms() - sampled_at_.load() > kFreshMs) sample(now_unix_ms());
  json::object out;
  auto bytes = database_bytes();
  if (bytes) out["size_bytes"] = *bytes;
  if (config_.quota_bytes > 0) {
    out["quota_bytes"] = config_.quota_bytes;
    if (bytes) out["used_percent"] = percent_of(*bytes, config_.quota_bytes);
  }
  if (bytes) {
    if (auto warning = quota_warning(*bytes, config_)) out["warning"] = *warning;
  }
  return out;
}

std::string StorageMonitor::metrics() const {
  std::string out;
  if (auto bytes = database_bytes()) {
    out +=
        "# HELP prism_database_size_bytes Size of the database, measured every 10 minutes while "
        "in use.\n# TYPE prism_database_size_bytes gauge\nprism_database_size_bytes " +
        std::to_string(*bytes) + "\n";
  }
  if (config_.quota_bytes > 0) {
    out +=
        "# HELP prism_database_quota_bytes DATABASE_QUOTA_BYTES.\n"
        "# TYPE prism_database_quota_bytes gauge\nprism_database_quota_bytes " +
        std::to_string(config_.quota_bytes) + "\n";
  }
  return out;
}

}  // namespace prism::services::operations
