#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/retention_config.hpp"
#include "core/activity.hpp"
#include "core/json.hpp"
#include "core/periodic_thread.hpp"
#include "store/database.hpp"

namespace prism::services::operations {

struct CleanupItem {
  std::string what;
  std::int64_t rows = 0;
};
struct CleanupReport {
  bool dry_run = false;
  std::vector<CleanupItem> items;
  std::int64_t total() const;
};

// Removes what has expired (see store/retention_store.hpp for each rule):
// sessions with their refresh tokens, e-mail tokens, invitations and share
// links that stopped working more than a day ago, generation event pages,
// and, when their retention is set, generation outputs (the rows, tokens
// and cost stay) and audit log entries; and documents in the trash for more
// than TRASH_RETENTION_DAYS, with their versions (services/trash/purge.hpp).
// Live documents are never touched. Each batch of rows is its own short
// write transaction, so writers are never held up for long. With `dry_run`
// it only counts.
CleanupReport cleanup(store::Database& db, const config::RetentionConfig& retention, bool dry_run,
                      std::int64_t now_ms);
std::string describe(const CleanupReport& report);
json::object to_json(const CleanupReport& report);

// The automatic daily run. Every `check_every` (while this instance was used
// within that time: an idle one sends its database nothing) it reads when
// the cleanup last ran; when a day has passed it claims the day in one write
// transaction, which succeeds on one instance of several sharing the
// database, and runs the cleanup there. Ten minutes, because a free-tier
// instance that sleeps after 15 idle minutes may never live an hour.
class DailyCleanup {
 public:
  DailyCleanup(store::Database& db, config::RetentionConfig retention, const Activity* activity,
               std::chrono::milliseconds check_every = std::chrono::minutes(10));
  // The check, now: the report when the cleanup was due and ran here.
  std::optional<CleanupReport> run_if_due(std::int64_t now_ms);

 private:
  bool claim(std::int64_t now_ms);

  store::Database& db_;
  const config::RetentionConfig retention_;
  const Activity* activity_;
  const std::chrono::milliseconds check_every_;
  std::unique_ptr<PeriodicThread> thread_;  // last: stops first
};

}  // namespace prism::services::operations
