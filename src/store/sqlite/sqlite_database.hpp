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
// pool of reader connections that never block the writer.
class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(const std::string& path, int readers = 4);
  ~SqliteDatabase() override;

  Dialect dialect() const override { return Dialect::kSqlite; }
  void with_read(const std::function<void(Tx&)>& fn) override;
  void with_write(const std::function<void(Tx&)>& fn) override;
  bool ping() override;

 private:
  std::unique_ptr<Connection> open_connection(bool writer);

  std::string path_;
  std::mutex write_mutex_;
  std::unique_ptr<Connection> writer_;
  std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
};

}  // namespace prism::store::sqlite
