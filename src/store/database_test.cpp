#include "store/database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "core/ids.hpp"
#include "store/migrations.hpp"
#include "store/testing_postgres.hpp"

namespace prism::store {
namespace {

// One suite for every Database backend: a new backend adds a factory here.
struct Backend {
  std::string name;
  std::function<std::string(const std::string& dir)> url;
};

class DatabaseTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("prism-db-" + new_id());
    std::filesystem::create_directories(dir_);
    if (GetParam().name == "postgres") {
      schema_ = std::make_unique<testing::PostgresSchema>(*testing::test_postgres_url());
      url_ = schema_->url();
    } else {
      url_ = GetParam().url(dir_.string());
    }
    db_ = open_database(url_);
    migrate(*db_);
  }
  void TearDown() override {
    db_.reset();
    schema_.reset();
    std::filesystem::remove_all(dir_);
  }
  void insert_user(Database& db, const std::string& id, const std::string& email) {
    db.write([&](Tx& tx) {
      tx.exec("INSERT INTO users (id, email, name, password_hash, password_changed_at, created_at,"
              " updated_at) VALUES (?1, ?2, 'n', 'h', 0, 0, 0)",
              {id, email});
    });
  }
  std::filesystem::path dir_;
  std::string url_;
  std::unique_ptr<testing::PostgresSchema> schema_;
  std::unique_ptr<Database> db_;
};

TEST_P(DatabaseTest, RoundTripsValuesOfEveryType) {
  db_->write([](Tx& tx) {
    tx.exec("CREATE TABLE t (a TEXT, b BIGINT, c DOUBLE PRECISION, d TEXT)");
    tx.exec("INSERT INTO t VALUES (?1, ?2, ?3, ?4)",
            {std::string("héllo"), std::int64_t{1} << 40, 2.5, nullptr});
  });
  auto row = db_->read([](Tx& tx) { return tx.query_one("SELECT a, b, c, d FROM t"); });
  ASSERT_TRUE(row);
  EXPECT_EQ(row->str(0), "héllo");
  EXPECT_EQ(row->i64(1), std::int64_t{1} << 40);
  EXPECT_DOUBLE_EQ(row->f64(2), 2.5);
  EXPECT_TRUE(row->is_null(3));
}

TEST_P(DatabaseTest, RollsBackWhenTheTransactionThrows) {
  EXPECT_THROW(db_->write([&](Tx& tx) {
    tx.exec("INSERT INTO users (id, email, name, password_hash, password_changed_at, created_at,"
            " updated_at) VALUES ('u1', 'a@x', 'n', 'h', 0, 0, 0)");
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  auto count = db_->read([](Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM users")->i64(0); });
  EXPECT_EQ(count, 0);
}

TEST_P(DatabaseTest, UniqueViolationIsAConstraintError) {
  insert_user(*db_, "u1", "a@x");
  EXPECT_THROW(insert_user(*db_, "u2", "a@x"), ConstraintError);
}

TEST_P(DatabaseTest, ConcurrentWritersNeverSeeBusy) {
  // Two handles on the same database stand for two processes.
  auto other = open_database(url_);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      Database& db = t % 2 ? *other : *db_;
      for (int i = 0; i < 25; ++i) {
        try {
          insert_user(db, new_id(), std::to_string(t) + "-" + std::to_string(i) + "@x");
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto count = db_->read([](Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM users")->i64(0); });
  EXPECT_EQ(count, 200);
}

TEST_P(DatabaseTest, ReadersSeeCommittedWritesOnly) {
  insert_user(*db_, "u1", "a@x");
  db_->read([&](Tx& tx) {
    EXPECT_EQ(tx.query_one("SELECT COUNT(*) FROM users")->i64(0), 1);
  });
}

TEST_P(DatabaseTest, ReadsInAReadScopeShareOneSnapshot) {
  insert_user(*db_, "u1", "a@x");
  auto users = [&] {
    return db_->read([](Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM users")->i64(0); });
  };
  db_->in_read_scope([&] {
    EXPECT_EQ(users(), 1);
    // Another thread's write commits between two reads of the scope...
    std::thread([&] { insert_user(*db_, "u2", "b@x"); }).join();
    EXPECT_EQ(users(), 1) << "both reads of a scope see one snapshot";
  });
  EXPECT_EQ(users(), 2);
}

TEST_P(DatabaseTest, AReadScopeSeesItsOwnThreadsWrites) {
  auto users = [&] {
    return db_->read([](Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM users")->i64(0); });
  };
  db_->in_read_scope([&] {
    EXPECT_EQ(users(), 0);
    insert_user(*db_, "u1", "a@x");
    EXPECT_EQ(users(), 1);
    db_->in_read_scope([&] { EXPECT_EQ(users(), 1); });  // nested: the same scope
    // A read inside the write itself must not pin a snapshot older than it.
    db_->write([&](Tx& tx) {
      EXPECT_EQ(users(), 1);
      tx.exec("INSERT INTO users (id, email, name, password_hash, password_changed_at, created_at,"
              " updated_at) VALUES ('u2', 'b@x', 'n', 'h', 0, 0, 0)");
    });
    EXPECT_EQ(users(), 2);
  });
}

TEST_P(DatabaseTest, ReadScopesGiveTheirConnectionsBack) {
  insert_user(*db_, "u1", "a@x");
  // Many more scopes than connections, some failing: none may keep one.
  for (int i = 0; i < 100; ++i) {
    try {
      db_->in_read_scope([&] {
        db_->read([](Tx& tx) { tx.query_one("SELECT COUNT(*) FROM users"); });
        if (i % 3 == 0) throw std::runtime_error("handler failed");
      });
    } catch (const std::runtime_error&) {
    }
  }
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      db_->in_read_scope([&] {
        if (db_->read([](Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM users")->i64(0); }) == 1) ++ok;
      });
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 8);
}

// PostgreSQL joins when PRISM_TEST_POSTGRES_URL names one (each test gets a
// schema of its own there).
std::vector<Backend> backends() {
  std::vector<Backend> out{
      {"sqlite", [](const std::string& dir) { return "sqlite:" + dir + "/test.db"; }}};
  if (testing::test_postgres_url()) out.push_back({"postgres", nullptr});
  return out;
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace prism::store
