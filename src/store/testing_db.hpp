#pragma once

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/testing_postgres.hpp"

namespace prism::store::testing {

// A migrated SQLite database in a temporary file, removed again by the
// destructor: unit tests of services run against the real schema. With
// PRISM_TEST_POSTGRES_URL set, a migrated schema of its own in that
// PostgreSQL instead, so the same tests run on both backends.
class TempDatabase {
 public:
  // `up_to_version` stops the schema at that migration (tests of a
  // migration's backfill add rows first, then call migrate(db()) for the rest).
  explicit TempDatabase(std::optional<int> up_to_version = std::nullopt) {
    crypto::init();
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("prism-unit-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir_);
    if (auto pg = test_postgres_url()) {
      schema_ = std::make_unique<PostgresSchema>(*pg);
      db_ = open_database(schema_->url());
    } else {
      db_ = open_database("sqlite:" + (dir_ / "test.db").string());
    }
    auto migrations = migrations_for(db_->dialect());
    if (up_to_version) {
      std::erase_if(migrations, [&](const Migration& m) { return m.version > *up_to_version; });
    }
    migrate(*db_, migrations);
  }
  ~TempDatabase() {
    db_.reset();
    schema_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;

  Database& db() { return *db_; }

  // Waits (up to 10 s) until notifications are delivered: at once on SQLite,
  // once the LISTEN connection is up on PostgreSQL. Returns whether they are.
  bool wait_for_notifications() {
    auto& bus = db_->notifications();
    for (int i = 0; i < 1000 && !bus.live(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return bus.live();
  }

  // A user row as registration would create it; returns the id.
  std::string add_user(const std::string& email, const std::string& name = "Test User") {
    static constexpr std::string_view kInsertUser =
        "INSERT INTO users (id, email, name, password_hash, password_changed_at, created_at,"
        " updated_at) VALUES (?1, ?2, ?3, 'x', ?4, ?4, ?4)";
    std::string id = new_id();
    db_->write([&](Tx& tx) { tx.exec(kInsertUser, {id, email, name, now_unix_ms()}); });
    return id;
  }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<PostgresSchema> schema_;
  std::unique_ptr<Database> db_;
};

}  // namespace prism::store::testing
