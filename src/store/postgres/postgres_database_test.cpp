// What only the PostgreSQL backend has: round trips, the pool's bound, the
// deadline, and replacing a dead connection. (Everything both backends do is
// in store/database_test.cpp.) Runs when PRISM_TEST_POSTGRES_URL is set.

#include "store/postgres/postgres_database.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "store/postgres/pg_connection.hpp"
#include "store/testing_postgres.hpp"

namespace prism::store::postgres {
namespace {

using namespace std::chrono_literals;

class PostgresDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = testing::test_postgres_url();
    if (!url) GTEST_SKIP() << "PRISM_TEST_POSTGRES_URL is not set";
    schema_ = std::make_unique<testing::PostgresSchema>(*url);
  }
  std::unique_ptr<PostgresDatabase> open(DatabaseOptions options = {}) {
    return std::make_unique<PostgresDatabase>(schema_->url(), options);
  }
  std::unique_ptr<testing::PostgresSchema> schema_;
};

TEST(PostgresPlaceholders, BecomeDollarsOutsideQuotes) {
  EXPECT_EQ(to_dollar_placeholders("SELECT ?1, '?2', \"?3\", ?10 WHERE a = '' AND b = ?2"),
            "SELECT $1, '?2', \"?3\", $10 WHERE a = '' AND b = $2");
}

TEST_F(PostgresDatabaseTest, OpensNoConnectionBeforeFirstUse) {
  auto db = open();
  EXPECT_EQ(db->round_trips(), 0u);
}

TEST_F(PostgresDatabaseTest, AReadOfOneStatementIsOneRoundTrip) {
  auto db = open();
  db->read([](Tx& tx) { tx.query_one("SELECT 1"); });  // connects
  for (int i = 0; i < 3; ++i) {
    auto before = db->round_trips();
    auto row =
        db->read([](Tx& tx) { return tx.query_one("SELECT ?1::BIGINT + 1", {std::int64_t{41}}); });
    EXPECT_EQ(row->i64(0), 42);
    EXPECT_EQ(db->round_trips() - before, 1u) << "BEGIN, SET LOCAL and the query go together";
  }
  // A read scope (a GET's authentication and handler): two reads, two round trips.
  auto before = db->round_trips();
  db->in_read_scope([&] {
    db->read([](Tx& tx) { tx.query_one("SELECT 1"); });
    db->read([](Tx& tx) { tx.query_one("SELECT 2"); });
  });
  EXPECT_EQ(db->round_trips() - before, 2u);
}

TEST_F(PostgresDatabaseTest, ConnectionsNameThemselves) {
  auto db = open();
  auto name = db->read(
      [](Tx& tx) { return tx.query_one("SELECT current_setting('application_name')")->str(0); });
  EXPECT_EQ(name, "prism");
}

TEST_F(PostgresDatabaseTest, AWriteIsItsStatementsPlusCommit) {
  auto db = open();
  db->write([](Tx& tx) { tx.exec("CREATE TABLE t (a BIGINT)"); });
  auto before = db->round_trips();
  db->write([](Tx& tx) { tx.exec("INSERT INTO t VALUES (?1)", {std::int64_t{1}}); });
  EXPECT_EQ(db->round_trips() - before, 2u);
}

TEST_F(PostgresDatabaseTest, NoFreeConnectionWithinThePoolTimeoutIsUnavailable) {
  auto db = open({1, 100, 5000, ""});
  std::thread holder([&] { db->read([](Tx& tx) { tx.query_one("SELECT pg_sleep(0.6)"); }); });
  std::this_thread::sleep_for(200ms);
  auto t0 = std::chrono::steady_clock::now();
  try {
    db->read([](Tx& tx) { tx.query_one("SELECT 1"); });
    ADD_FAILURE() << "expected DatabaseUnavailable";
  } catch (const DatabaseUnavailable& e) {
    EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
    EXPECT_TRUE(e.retry_after_seconds.has_value());
  }
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 500ms);
  holder.join();
  EXPECT_NO_THROW(db->read([](Tx& tx) { tx.query_one("SELECT 1"); }));
}

TEST_F(PostgresDatabaseTest, AStatementPastItsTimeoutIsUnavailable) {
  auto db = open({2, 1000, 200, ""});
  EXPECT_THROW(db->read([](Tx& tx) { tx.query_one("SELECT pg_sleep(2)"); }), DatabaseUnavailable);
  EXPECT_NO_THROW(db->read([](Tx& tx) { tx.query_one("SELECT 1"); }));
}

TEST_F(PostgresDatabaseTest, ADeadConnectionIsReplacedAndTheTransactionRunAgain) {
  auto db = open({1, 1000, 5000, ""});
  db->write([](Tx& tx) { tx.exec("CREATE TABLE t (a BIGINT)"); });
  auto pid = db->read([](Tx& tx) { return tx.query_one("SELECT pg_backend_pid()")->i64(0); });
  auto other = open();
  other->read([&](Tx& tx) { tx.query_one("SELECT pg_terminate_backend(?1::INT)", {pid}); });
  std::this_thread::sleep_for(100ms);
  // Both a write and a read go through, each on a new connection.
  EXPECT_NO_THROW(db->write([](Tx& tx) { tx.exec("INSERT INTO t VALUES (1)"); }));
  auto new_pid = db->read([](Tx& tx) { return tx.query_one("SELECT pg_backend_pid()")->i64(0); });
  EXPECT_NE(new_pid, pid);
  EXPECT_EQ(db->read([](Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM t")->i64(0); }), 1);
}

// The statements this connection holds prepared under PRISM's names.
std::int64_t prepared_here(Tx& tx) {
  return tx.query_one("SELECT COUNT(*) FROM pg_prepared_statements WHERE name LIKE 'prism_%'")
      ->i64(0);
}

TEST_F(PostgresDatabaseTest, AQueryIsPreparedOncePerConnectionInTheRoundTripOfItsFirstUse) {
  auto db = open({1, 1000, 5000, ""});
  db->write([](Tx& tx) { tx.exec("CREATE TABLE t (a BIGINT, b DOUBLE PRECISION)"); });
  for (int i = 0; i < 3; ++i) {
    auto before = db->round_trips();
    db->write([&](Tx& tx) { tx.exec("INSERT INTO t VALUES (?1, ?2)", {std::int64_t{i}, 0.5}); });
    EXPECT_EQ(db->round_trips() - before, 2u) << "its Parse goes with its first use";
  }
  // The INSERT, the writers' lock and this count: prepared once each, however
  // often they run.
  EXPECT_EQ(db->read(prepared_here), 3);
  EXPECT_EQ(db->read(prepared_here), 3);
  // The parameters' types are part of a statement's name: an integer where a
  // double was is another statement, not a failed one.
  db->write([](Tx& tx) {
    tx.exec("INSERT INTO t VALUES (?1, ?2)", {std::int64_t{7}, std::int64_t{8}});
  });
  EXPECT_EQ(db->read(prepared_here), 4);
  EXPECT_EQ(db->read([](Tx& tx) { return tx.query_one("SELECT SUM(b) FROM t")->f64(0); }), 9.5);
  // DDL is not worth keeping.
  db->write([](Tx& tx) { tx.exec("CREATE TABLE u (a BIGINT)"); });
  EXPECT_EQ(db->read(prepared_here), 5) << "four, and the SUM";
  EXPECT_TRUE(db->prepared_statements_enabled());
}

// What a transaction-mode pooler that does not keep prepared statements apart
// (PgBouncer before 1.21) does to a client: the server connection behind its
// next transaction lacks the statements it prepared. DEALLOCATE ALL makes the
// one server connection such a stranger.
TEST_F(PostgresDatabaseTest, ServerConnectionsWithoutItsStatementsAreSurvivedByRunningUnnamed) {
  auto db = open({1, 1000, 5000, ""});
  db->write([](Tx& tx) { tx.exec("CREATE TABLE t (a BIGINT)"); });
  auto insert = [](std::int64_t a) {
    return [a](Tx& tx) { tx.exec("INSERT INTO t VALUES (?1)", {a}); };
  };
  db->write(insert(1));
  db->write([](Tx& tx) { tx.exec("DEALLOCATE ALL"); });
  EXPECT_NO_THROW(db->write(insert(2))) << "run again on a new connection, unnamed";
  EXPECT_FALSE(db->prepared_statements_enabled());
  db->write(insert(3));
  EXPECT_EQ(db->read(prepared_here), 0) << "nothing is prepared by name any more";
  EXPECT_EQ(db->read([](Tx& tx) { return tx.query_one("SELECT SUM(a) FROM t")->i64(0); }), 6)
      << "each insert happened exactly once";
}

TEST(PostgresStatements, NamesDependOnTextAndParameterTypesOnly) {
  std::vector<Oid> text{0}, integer{20};
  auto a = PreparedStatements::name_for("SELECT $1", text);
  EXPECT_EQ(a, PreparedStatements::name_for("SELECT $1", text));
  EXPECT_NE(a, PreparedStatements::name_for("SELECT $1", integer));
  EXPECT_NE(a, PreparedStatements::name_for("SELECT $1 ", text));
  EXPECT_LT(a.size(), 64u) << "PostgreSQL truncates names at 63 bytes";
  EXPECT_EQ(a.rfind("prism_", 0), 0u);
  EXPECT_TRUE(worth_preparing("  SELECT 1"));
  EXPECT_TRUE(worth_preparing("with x AS (SELECT 1) SELECT * FROM x"));
  EXPECT_TRUE(worth_preparing("(SELECT 1) UNION (SELECT 2)"));
  EXPECT_FALSE(worth_preparing("CREATE TABLE t (a INT)"));
  EXPECT_FALSE(worth_preparing("DEALLOCATE ALL"));
  EXPECT_FALSE(worth_preparing("SELECTED"));
}

TEST_F(PostgresDatabaseTest, AnUnreachableServerFailsWithinTheConnectTimeout) {
  PostgresDatabase db("postgresql://prism@127.0.0.1:1/prism?connect_timeout=2", {});
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_THROW(db.read([](Tx& tx) { tx.query_one("SELECT 1"); }), DatabaseUnavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 3s);
  EXPECT_FALSE(db.ping());
}

}  // namespace
}  // namespace prism::store::postgres

namespace prism::store::postgres {
namespace {

// Two instances on one database: a commit on one is heard on the other
// through LISTEN/NOTIFY, a rollback is heard nowhere, and the committing
// instance hears its own at once.
TEST_F(PostgresDatabaseTest, ACommittedNotificationReachesAnotherInstance) {
  auto a = open();
  auto b = open();
  b->read([](Tx& tx) { tx.query_one("SELECT 1"); });  // listens while in use
  std::mutex mutex;
  std::vector<std::string> heard_on_b;
  std::vector<std::string> heard_on_a;
  auto sub_b = b->notifications().listen("prism_test", [&](std::string_view p) {
    std::lock_guard lock(mutex);
    heard_on_b.emplace_back(p);
  });
  auto sub_a = a->notifications().listen("prism_test", [&](std::string_view p) {
    std::lock_guard lock(mutex);
    heard_on_a.emplace_back(p);
  });
  for (int i = 0; i < 500 && !b->notifications().live(); ++i) std::this_thread::sleep_for(10ms);
  ASSERT_TRUE(b->notifications().live()) << "the LISTEN connection did not come up";

  EXPECT_THROW(a->write([](Tx& tx) {
    tx.notify("prism_test", "rolled back");
    throw std::runtime_error("abandoned");
  }),
               std::runtime_error);
  a->write([](Tx& tx) { tx.notify("prism_test", "committed"); });
  {
    std::lock_guard lock(mutex);
    ASSERT_FALSE(heard_on_a.empty()) << "the committing instance hears its own at commit";
    EXPECT_EQ(heard_on_a.front(), "committed");
  }
  auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < 2s) {
    {
      std::lock_guard lock(mutex);
      if (!heard_on_b.empty()) break;
    }
    std::this_thread::sleep_for(5ms);
  }
  std::lock_guard lock(mutex);
  ASSERT_EQ(heard_on_b.size(), 1u);
  EXPECT_EQ(heard_on_b.front(), "committed");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
}

// An unused instance must let a scale-to-zero server sleep: its LISTEN
// connection stops asking (the bus is then not live, so caches do not trust
// it), is not re-made while unused, and comes back with the next use.
TEST_F(PostgresDatabaseTest, TheListenerSendsNothingWhileTheDatabaseIsUnused) {
  DatabaseOptions options;
  options.listen_idle_after = 400ms;
  auto db = open(options);
  auto probe = open();
  auto listener_state = [&] {
    return probe->read([](Tx& tx) {
      return tx.query_one(
          "SELECT pid, state_change::TEXT FROM pg_stat_activity WHERE application_name = "
          "'prism-listen' AND datname = current_database()");
    });
  };
  auto until = [](auto condition) {
    for (int i = 0; i < 300 && !condition(); ++i) std::this_thread::sleep_for(10ms);
    return condition();
  };
  auto sub = db->notifications().listen("prism_idle", [](std::string_view) {});
  db->read([](Tx& tx) { tx.query_one("SELECT 1"); });
  ASSERT_TRUE(until([&] { return db->notifications().live(); }));

  // Unused: not live, and the connection asks nothing for several check periods.
  ASSERT_TRUE(until([&] { return !db->notifications().live(); }));
  auto quiet = listener_state();
  ASSERT_TRUE(quiet.has_value()) << "the connection stays open";
  std::this_thread::sleep_for(2500ms);
  auto later = listener_state();
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(later->str(1), quiet->str(1)) << "no query while unused";
  EXPECT_FALSE(db->notifications().live());

  // Closed under it (as Neon does when it suspends): not re-made while unused.
  probe->read(
      [&](Tx& tx) { tx.query_one("SELECT pg_terminate_backend(?1::INT)", {quiet->i64(0)}); });
  std::this_thread::sleep_for(1500ms);
  EXPECT_FALSE(listener_state().has_value());

  // The next use brings it back, checked and live.
  db->read([](Tx& tx) { tx.query_one("SELECT 1"); });
  EXPECT_TRUE(until([&] { return db->notifications().live(); }));
  EXPECT_TRUE(listener_state().has_value());
}

TEST_F(PostgresDatabaseTest, NotificationsAreNotLiveWithoutTheirConnection) {
  DatabaseOptions options;
  options.listen_url = "postgresql://nobody@127.0.0.1:1/none?connect_timeout=1";
  auto db = open(options);
  auto& bus = db->notifications();
  std::this_thread::sleep_for(300ms);
  EXPECT_FALSE(bus.live()) << "a cache must not trust what it holds";
}

}  // namespace
}  // namespace prism::store::postgres
