#include "services/operations/cleanup.hpp"

#include <spdlog/spdlog.h>

#include "core/clock.hpp"
#include "services/trash/purge.hpp"
#include "store/retention_store.hpp"

namespace prism::services::operations {

namespace retention = store::retention;

namespace {

constexpr int kBatch = 1000;
constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr std::string_view kJob = "cleanup";

}  // namespace

std::int64_t CleanupReport::total() const {
  std::int64_t n = 0;
  for (const auto& item : items) n += item.rows;
  return n;
}

CleanupReport cleanup(store::Database& db, const config::RetentionConfig& config, bool dry_run,
                      std::int64_t now) {
  retention::Cutoffs cutoffs;
  cutoffs.now = now;
  cutoffs.mcp_session_idle_ms = std::int64_t{config.mcp_session_idle_seconds} * 1000;
  if (config.generation_days) cutoffs.generation_cutoff = now - *config.generation_days * kDayMs;
  if (config.audit_days) cutoffs.audit_cutoff = now - *config.audit_days * kDayMs;
  CleanupReport report;
  report.dry_run = dry_run;
  for (const auto& planned : retention::plan(cutoffs)) {
    CleanupItem item{std::string(planned.rule->name), 0};
    if (dry_run) {
      item.rows = db.read([&](store::Tx& tx) { return retention::count(tx, planned); });
    } else {
      for (std::int64_t n = kBatch; n == kBatch;) {
        n = db.write([&](store::Tx& tx) { return retention::remove_batch(tx, planned, kBatch); });
        item.rows += n;
      }
    }
    report.items.push_back(std::move(item));
  }
  // Documents past their time in the trash, with every version, each purge
  // audited in its organization.
  auto purged = trash::purge_expired(db, config.trash_days, now, dry_run);
  report.items.push_back({"trashed documents (past TRASH_RETENTION_DAYS)", purged.documents});
  report.items.push_back({"their versions", purged.versions});
  if (!dry_run) {
    db.write([&](store::Tx& tx) {
      retention::record_run(tx, kJob, now, json::serialize(to_json(report)));
    });
  }
  return report;
}

std::string describe(const CleanupReport& r) {
  std::string out;
  for (const auto& item : r.items) {
    out +=
        item.what + ": " + std::to_string(item.rows) + (r.dry_run ? " to remove\n" : " removed\n");
  }
  out += (r.dry_run ? "dry run: nothing was removed (" : "total: ") + std::to_string(r.total()) +
         (r.dry_run ? " would go)\n" : "\n");
  return out;
}

json::object to_json(const CleanupReport& r) {
  json::object items;
  for (const auto& item : r.items) items[item.what] = item.rows;
  return json::object{{"dry_run", r.dry_run}, {"removed", std::move(items)}};
}

DailyCleanup::DailyCleanup(store::Database& db, config::RetentionConfig retention,
                           const Activity* activity, std::chrono::milliseconds check_every)
    : db_(db), retention_(retention), activity_(activity), check_every_(check_every) {
  thread_ = std::make_unique<PeriodicThread>("prism-cleanup", check_every_, [this] {
    if (activity_ != nullptr && !activity_->within(check_every_)) return;
    try {
      run_if_due(now_unix_ms());
    } catch (const std::exception& e) {
      spdlog::warn("daily cleanup failed (tried again at the next check): {}", e.what());
    }
  });
}

bool DailyCleanup::claim(std::int64_t now) {
  // Most checks find it not due: a read, no writers' lock.
  auto last = db_.read([&](store::Tx& tx) { return retention::last_run(tx, kJob); });
  if (last && now - *last < kDayMs) return false;
  return db_.write([&](store::Tx& tx) {
    auto last = retention::last_run(tx, kJob);
    if (last && now - *last < kDayMs) return false;
    // Claimed in the transaction that checked: the writers' lock makes the
    // other instances see it.
    retention::record_run(tx, kJob, now, "{}");
    return true;
  });
}

std::optional<CleanupReport> DailyCleanup::run_if_due(std::int64_t now) {
  if (!claim(now)) return std::nullopt;
  auto report = cleanup(db_, retention_, false, now);
  spdlog::info("daily cleanup: {} row(s) removed", report.total());
  return report;
}

}  // namespace prism::services::operations
