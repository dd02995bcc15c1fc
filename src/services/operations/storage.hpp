#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/storage_config.hpp"
#include "core/activity.hpp"
#include "core/json.hpp"
#include "core/periodic_thread.hpp"
#include "store/database.hpp"

namespace prism::services::operations {

struct TableUse {
  std::string name;
  std::int64_t rows = 0;
  std::int64_t bytes = 0;  // with its indexes
  std::optional<std::int64_t> rows_last_7_days;
  std::optional<std::int64_t> rows_last_30_days;
};

struct Growth {
  std::int64_t rows = 0;
  std::int64_t bytes = 0;  // estimated: rows created × their table's bytes per row
};

// What `prism storage` and GET /api/v1/admin/storage report.
struct StorageReport {
  std::string backend;  // "sqlite" or "postgresql"
  std::int64_t database_bytes = 0;
  std::int64_t quota_bytes = 0;  // 0: DATABASE_QUOTA_BYTES unset
  std::optional<double> used_percent;
  std::optional<std::string> warning;
  std::vector<TableUse> tables;         // PRISM's data, by table
  std::int64_t search_index_bytes = 0;  // SQLite's full-text index (PostgreSQL's is in documents)
  Growth last_7_days, last_30_days;
  std::int64_t bytes_per_document = 0;    // documents, their versions and search index
  std::int64_t bytes_per_generation = 0;  // generations and their event pages
  std::int64_t measured_at = 0;
};

// Measures the database (one read transaction). Counts every table's rows,
// so it is for an administrator's request, not for every request.
StorageReport storage_report(store::Database& db, const config::StorageConfig& config,
                             std::int64_t now_ms);
std::string describe(const StorageReport& report);
json::object to_json(const StorageReport& report);

// The warning for `bytes` against the quota (from config.warn_percent), or
// nullopt below it or without a quota.
std::optional<std::string> quota_warning(std::int64_t bytes, const config::StorageConfig& config);

// Keeps the database's size at hand for /ready and /metrics, which must not
// query it themselves (a scrape would keep a sleeping database awake): it
// measures every `every` while this instance was used within that time,
// and once at start, and warns in the log once a day at the quota's
// warn_percent.
class StorageMonitor {
 public:
  StorageMonitor(store::Database& db, config::StorageConfig config, const Activity* activity,
                 std::chrono::milliseconds every = std::chrono::minutes(10));

  // Measures now (and warns if due); false when the database did not answer.
  bool sample(std::int64_t now_ms);
  std::optional<std::int64_t> database_bytes() const;
  // /ready's database entry: the size, the quota and the warning, if any.
  // /ready queries the database anyway, so it measures again when the last
  // measurement is more than a few seconds old: after a 507 the warning
  // shows at once.
  json::object readiness();
  std::string metrics() const;

 private:
  store::Database& db_;
  const config::StorageConfig config_;
  const Activity* activity_;
  const std::chrono::milliseconds every_;
  std::atomic<std::int64_t> bytes_{-1};
  std::atomic<std::int64_t> sampled_at_{0};  // steady clock, ms
  std::atomic<std::int64_t> warned_day_{-1};
  std::unique_ptr<PeriodicThread> thread_;  // last: stops first
};

}  // namespace prism::services::operations
