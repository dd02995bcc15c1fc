#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"

struct sqlite3;

namespace prism::store::sqlite {

class Connection;

// SQLite in WAL mode with synchronous=FULL: one writer connection behind a
// mutex (so writers queue instead of failing with SQLITE_BUSY) and a small
// pool of reader connections that never block the writer. Readers are opened
// on first need, up to `max_readers` (enough for every I/O and worker thread
// to read at once), so start-up opens only the writer.
class SqliteDatabase final : public Database {
 public:
  // `quota_bytes` (> 0): the most the database file may grow to.
  explicit SqliteDatabase(const std::string& path, int max_readers = 16,
                          std::int64_t quota_bytes = 0);
  ~SqliteDatabase() override;

  Dialect dialect() const override { return Dialect::kSqlite; }
  void with_read(const std::function<void(Tx&)>& fn) override;
  void with_write(const std::function<void(Tx&)>& fn) override;
  bool ping() override;
  void in_read_scope(const std::function<void()>& fn) override;
  // One process uses an embedded database: the bus is always live.
  NotificationBus& notifications() override { return bus_; }

 private:
  std::unique_ptr<Connection> open_connection(bool writer);
  std::unique_ptr<Connection> take_reader();
  void give_back(std::unique_ptr<Connection> conn);
  void discard_reader(std::unique_ptr<Connection> conn);
  void end_scope_snapshot();

  std::string path_;
  NotificationBus bus_;
  std::mutex write_mutex_;
  std::unique_ptr<Connection> writer_;
  std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  int max_readers_;
  int open_readers_ = 0;
};

}  // namespace prism::store::sqlite
