#include "store/migrations.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/ids.hpp"

namespace prism::store {
namespace {

class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("prism-mig-" + new_id());
    std::filesystem::create_directories(dir_);
    db_ = open_database("sqlite:" + (dir_ / "m.db").string());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
};

std::vector<EmbeddedMigration> sample() {
  return {{1, "one", "all", "CREATE TABLE a (x INTEGER);"},
          {2, "two", "sqlite", "CREATE TABLE b (y INTEGER);"},
          {2, "two", "postgres", "CREATE TABLE b (y BIGINT);"}};
}

TEST_F(MigrationsTest, FiltersByDialectAndOrders) {
  auto m = migrations_for(Dialect::kSqlite, sample());
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].version, 1);
  EXPECT_EQ(m[1].sql, "CREATE TABLE b (y INTEGER);");
}

TEST_F(MigrationsTest, AppliesOnceAndIsIdempotent) {
  auto m = migrations_for(Dialect::kSqlite, sample());
  EXPECT_EQ(migrate(*db_, m).applied.size(), 2u);
  EXPECT_EQ(migrate(*db_, m).applied.size(), 0u);
}

TEST_F(MigrationsTest, RefusesAChangedMigration) {
  auto m = migrations_for(Dialect::kSqlite, sample());
  migrate(*db_, m);
  m[0].checksum = "different";
  EXPECT_THROW(migrate(*db_, m), std::runtime_error);
}

TEST_F(MigrationsTest, RefusesADatabaseNewerThanTheBinary) {
  auto m = migrations_for(Dialect::kSqlite, sample());
  migrate(*db_, m);
  m.pop_back();
  EXPECT_THROW(migrate(*db_, m), std::runtime_error);
}

TEST_F(MigrationsTest, AFailingMigrationLeavesNoTrace) {
  std::vector<EmbeddedMigration> bad = {{1, "one", "all", "CREATE TABLE a (x INTEGER);"},
                                        {2, "bad", "all", "CREATE TABLE c (z INTEGER); NOT SQL;"}};
  auto m = migrations_for(Dialect::kSqlite, bad);
  EXPECT_THROW(migrate(*db_, m), std::exception);
  auto tables = db_->read([](Tx& tx) {
    return tx.query_one("SELECT COUNT(*) FROM sqlite_master WHERE name = 'c'")->i64(0);
  });
  EXPECT_EQ(tables, 0);
  auto versions = db_->read([](Tx& tx) {
    return tx.query_one("SELECT COUNT(*), MAX(version) FROM schema_migrations");
  });
  EXPECT_EQ(versions->i64(0), 1);
  EXPECT_EQ(versions->i64(1), 1);
}

TEST_F(MigrationsTest, EmbeddedSchemaAppliesCleanly) {
  auto report = migrate(*db_);
  EXPECT_GE(report.applied.size(), 2u);
  EXPECT_EQ(pending_migrations(*db_), 0);
}

}  // namespace
}  // namespace prism::store
