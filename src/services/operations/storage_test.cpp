// Storage use on every backend (TempDatabase is PostgreSQL when
// PRISM_TEST_POSTGRES_URL is set), and the embedded database holding to
// DATABASE_QUOTA_BYTES without losing or half-writing anything.
#include "services/operations/storage.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "store/backup_store.hpp"
#include "store/storage_store.hpp"
#include "store/testing_db.hpp"

namespace prism::services::operations {
namespace {

using store::Tx;

constexpr std::int64_t kDay = 24LL * 3600 * 1000;

class StorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    now_ = now_unix_ms();
    db_.add_user("old@example.com");
    db_.db().write([&](Tx& tx) {
      // One user created now (add_user), one 10 days and one 40 days ago.
      for (std::int64_t age : {10 * kDay, 40 * kDay}) {
        tx.exec(
            "INSERT INTO users (id, email, name, password_hash, password_changed_at,"
            " created_at, updated_at) VALUES (?1, ?2, 'U', 'x', ?3, ?3, ?3)",
            {new_id(), new_id() + "@example.com", now_ - age});
      }
    });
  }
  const TableUse& table(const StorageReport& r, const std::string& name) {
    for (const auto& t : r.tables) {
      if (t.name == name) return t;
    }
    throw std::runtime_error("no " + name);
  }

  store::testing::TempDatabase db_;
  std::int64_t now_ = 0;
};

TEST_F(StorageTest, ReportsRowsBytesAndGrowthPerTable) {
  auto r = storage_report(db_.db(), {}, now_);
  EXPECT_GT(r.database_bytes, 0);
  EXPECT_EQ(r.tables.size(), store::backup::tables().size());
  const auto& users = table(r, "users");
  EXPECT_EQ(users.rows, 3);
  EXPECT_GT(users.bytes, 0);
  EXPECT_EQ(users.rows_last_7_days, 1);
  EXPECT_EQ(users.rows_last_30_days, 2);
  EXPECT_FALSE(table(r, "maintenance_runs").rows_last_7_days) << "it has no created_at";
  EXPECT_EQ(r.last_7_days.rows, 1);
  EXPECT_EQ(r.last_30_days.rows, 2);
  EXPECT_GT(r.last_30_days.bytes, r.last_7_days.bytes);
  EXPECT_EQ(r.quota_bytes, 0);
  EXPECT_FALSE(r.used_percent);
  EXPECT_FALSE(r.warning);
  auto j = to_json(r);
  EXPECT_TRUE(j.at("quota_bytes").is_null());
  EXPECT_EQ(j.at("tables").as_array().size(), store::backup::tables().size());
  EXPECT_NE(describe(r).find("users\t3\t"), std::string::npos) << describe(r);
}

TEST_F(StorageTest, WarnsFromEightyPercentOfTheQuota) {
  std::int64_t size = db_.db().read([](Tx& tx) { return store::storage::database_bytes(tx); });
  config::StorageConfig roomy{size * 2};
  auto r = storage_report(db_.db(), roomy, now_);
  ASSERT_TRUE(r.used_percent);
  EXPECT_NEAR(*r.used_percent, 50.0, 5.0);
  EXPECT_FALSE(r.warning);

  config::StorageConfig tight{size * 10 / 9};  // about 90%
  r = storage_report(db_.db(), tight, now_);
  ASSERT_TRUE(r.warning);
  EXPECT_NE(r.warning->find("of DATABASE_QUOTA_BYTES"), std::string::npos) << *r.warning;

  StorageMonitor monitor(db_.db(), tight, nullptr, std::chrono::hours(1));
  ASSERT_TRUE(monitor.sample(now_));
  auto ready = monitor.readiness();
  EXPECT_EQ(ready.at("quota_bytes").as_int64(), tight.quota_bytes);
  EXPECT_TRUE(ready.contains("warning"));
  auto metrics = monitor.metrics();
  EXPECT_NE(metrics.find("prism_database_size_bytes "), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("prism_database_quota_bytes " + std::to_string(tight.quota_bytes)),
            std::string::npos)
      << metrics;
}

TEST(QuotaWarning, OnlyWithAQuotaAndFromItsThreshold) {
  EXPECT_FALSE(quota_warning(1'000'000'000, {}));
  EXPECT_FALSE(quota_warning(799, {1000}));
  EXPECT_TRUE(quota_warning(800, {1000}));
  EXPECT_TRUE(quota_warning(5000, {1000}));
}

// The embedded database enforces the quota: a write that needs more room
// fails whole with StorageFull (507), what was there stays, reads work.
TEST(SqliteQuota, AFullDatabaseRefusesWritesWholeAndKeepsServingReads) {
  auto dir = std::filesystem::temp_directory_path() / ("prism-quota-" + new_id());
  std::filesystem::create_directories(dir);
  {
    store::DatabaseOptions options;
    options.quota_bytes = 2 * 1024 * 1024;
    auto db = store::open_database("sqlite:" + (dir / "q.db").string(), options);
    store::migrate(*db);
    const std::string blob(100 * 1024, 'x');
    int written = 0;
    bool full = false;
    for (int i = 0; i < 100 && !full; ++i) {
      try {
        db->write([&](Tx& tx) {
          // Two rows per transaction: never one without the other.
          for (int k = 0; k < 2; ++k) {
            tx.exec("INSERT INTO maintenance_runs (name, last_run_at, report) VALUES (?1, 1, ?2)",
                    {"job-" + std::to_string(i) + "-" + std::to_string(k), blob});
          }
        });
        ++written;
      } catch (const store::StorageFull& e) {
        full = true;
        EXPECT_EQ(e.code(), ErrorCode::kInsufficientStorage);
      }
    }
    ASSERT_TRUE(full) << "2 MiB never filled";
    EXPECT_GT(written, 3);
    std::int64_t rows =
        db->read([](Tx& tx) { return store::storage::count_rows(tx, "maintenance_runs"); });
    EXPECT_EQ(rows, 2 * written) << "the failed transaction left nothing behind";
    // Deleting frees room for writes again.
    db->write([](Tx& tx) { tx.exec("DELETE FROM maintenance_runs"); });
    db->write([&](Tx& tx) {
      tx.exec("INSERT INTO maintenance_runs (name, last_run_at, report) VALUES ('again', 1, ?1)",
              {blob});
    });
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace prism::services::operations
