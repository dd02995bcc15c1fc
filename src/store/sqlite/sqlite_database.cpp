#include "store/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <thread>
#include <unordered_map>

#include "core/private_files.hpp"

namespace prism::store::sqlite {

namespace {

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
  int ext = db ? sqlite3_extended_errcode(db) : rc;
  std::string msg = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  if ((ext & 0xFF) == SQLITE_CONSTRAINT) throw ConstraintError(msg);
  if ((ext & 0xFF) == SQLITE_FULL) throw StorageFull(msg);
  throw DatabaseError(msg);
}

// Before the first connection opens: SQLite's memory statistics take one
// process-wide mutex on every allocation, which the reader threads then
// contend on (futex calls on every request). PRISM never reads them.
void configure_sqlite_once() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}

}  // namespace

class Connection final : public Tx {
 public:
  Connection(const std::string& path, bool writer) : writer_(writer) {
    configure_sqlite_once();
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      throw DatabaseError("cannot open SQLite database " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 10000);
    exec_script("PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;");
    if (writer) exec_script("PRAGMA journal_mode=WAL;");
  }

  ~Connection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  void notify(std::string_view channel, std::string_view payload) override {
    if (!writer_) throw std::logic_error("notify outside a write transaction");
    pending_.add(channel, payload);
  }
  PendingNotifications& pending() { return pending_; }

  std::vector<Row> query(std::string_view sql, const std::vector<Value>& params = {}) override {
    sqlite3_stmt* stmt = prepare(sql, params);
    std::vector<Row> rows;
    int cols = sqlite3_column_count(stmt);
    int rc;
    while ((rc = step(stmt)) == SQLITE_ROW) {
      std::vector<Value> values;
      values.reserve(static_cast<std::size_t>(cols));
      for (int c = 0; c < cols; ++c) values.push_back(column(stmt, c));
      rows.emplace_back(std::move(values));
    }
    finish(stmt, rc, sql);
    return rows;
  }

  std::int64_t exec(std::string_view sql, const std::vector<Value>& params = {}) override {
    sqlite3_stmt* stmt = prepare(sql, params);
    int rc;
    while ((rc = step(stmt)) == SQLITE_ROW) {
    }
    finish(stmt, rc, sql);
    return sqlite3_changes64(db_);
  }

  void exec_script(std::string_view sql) override {
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      if ((rc & 0xFF) == SQLITE_CONSTRAINT) throw ConstraintError(msg);
      if ((rc & 0xFF) == SQLITE_FULL) throw StorageFull(msg);
      throw DatabaseError("SQL script failed: " + msg);
    }
  }

  // Ends the open transaction, if SQLite has not already rolled it back
  // itself (it may, e.g. after SQLITE_FULL).
  void rollback() {
    if (sqlite3_get_autocommit(db_) == 0) exec_script("ROLLBACK");
  }

 private:
  // SQLite may still answer BUSY for a moment after a checkpoint or from
  // another process (e.g. `prism migrate`); retry instead of surfacing it.
  int step(sqlite3_stmt* stmt) {
    for (int attempt = 0;; ++attempt) {
      int rc = sqlite3_step(stmt);
      if ((rc & 0xFF) != SQLITE_BUSY || attempt > 200) return rc;
      sqlite3_reset(stmt);
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  sqlite3_stmt* prepare(std::string_view sql, const std::vector<Value>& params) {
    auto it = statements_.find(sql);
    sqlite3_stmt* stmt = nullptr;
    if (it != statements_.end()) {
      stmt = it->second;
    } else {
      int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                  SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) fail(db_, rc, "prepare failed");
      statements_.emplace(std::string(sql), stmt);
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    for (std::size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1);
      int rc = std::visit(
          [&](const auto& v) -> int {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>)
              return sqlite3_bind_null(stmt, idx);
            else if constexpr (std::is_same_v<T, std::int64_t>)
              return sqlite3_bind_int64(stmt, idx, v);
            else if constexpr (std::is_same_v<T, double>)
              return sqlite3_bind_double(stmt, idx, v);
            else
              return sqlite3_bind_text(stmt, idx, v.data(), static_cast<int>(v.size()),
                                       SQLITE_TRANSIENT);
          },
          params[i]);
      if (rc != SQLITE_OK) fail(db_, rc, "bind failed");
    }
    return stmt;
  }

  void finish(sqlite3_stmt* stmt, int rc, std::string_view sql) {
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) fail(db_, rc, "statement failed: " + std::string(sql.substr(0, 80)));
  }

  static Value column(sqlite3_stmt* stmt, int c) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_INTEGER:
        return sqlite3_column_int64(stmt, c);
      case SQLITE_FLOAT:
        return sqlite3_column_double(stmt, c);
      case SQLITE_NULL:
        return nullptr;
      default: {
        auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)));
      }
    }
  }

  // Looked up by string_view, so finding a prepared statement allocates nothing.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const {
      return std::hash<std::string_view>{}(sql);
    }
  };
  sqlite3* db_ = nullptr;
  bool writer_ = false;
  PendingNotifications pending_;
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
};

namespace {

// The read scope of this thread (in_read_scope): the reader it holds, taken
// at its first read, and whether a transaction is open on it.
struct ReadScope {
  SqliteDatabase* db = nullptr;
  std::unique_ptr<Connection> conn;
  bool open = false;
};
thread_local ReadScope* current_scope = nullptr;

}  // namespace

SqliteDatabase::SqliteDatabase(const std::string& path, int max_readers, std::int64_t quota_bytes)
    : path_(path), max_readers_(std::max(1, max_readers)) {
  if (path != ":memory:") {
    // The database holds every tenant's data: created for its owner only.
    auto parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) create_private_directories(parent, ec);
    if (!ec) create_private_file(path, ec);
    if (ec) throw DatabaseError("cannot create SQLite database " + path + ": " + ec.message());
  }
  writer_ = std::make_unique<Connection>(path_, true);
  if (quota_bytes > 0) {
    // The file grows no further than the quota: a write that needs more
    // pages fails with SQLITE_FULL (StorageFull) and changes nothing.
    std::int64_t page_size = writer_->query_one("PRAGMA page_size")->i64(0);
    writer_->exec_script("PRAGMA max_page_count = " +
                         std::to_string(std::max<std::int64_t>(1, quota_bytes / page_size)));
  }
}

SqliteDatabase::~SqliteDatabase() = default;

std::unique_ptr<Connection> SqliteDatabase::take_reader() {
  {
    std::unique_lock lock(pool_mutex_);
    pool_cv_.wait(lock, [&] { return !idle_readers_.empty() || open_readers_ < max_readers_; });
    if (!idle_readers_.empty()) {
      auto conn = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return conn;
    }
    ++open_readers_;
  }
  // Opened outside the lock: other readers need not wait for this one.
  try {
    return std::make_unique<Connection>(path_, false);
  } catch (...) {
    std::lock_guard lock(pool_mutex_);
    --open_readers_;
    pool_cv_.notify_one();
    throw;
  }
}

void SqliteDatabase::give_back(std::unique_ptr<Connection> conn) {
  std::lock_guard lock(pool_mutex_);
  idle_readers_.push_back(std::move(conn));
  pool_cv_.notify_one();
}

void SqliteDatabase::discard_reader(std::unique_ptr<Connection> conn) {
  conn.reset();
  std::lock_guard lock(pool_mutex_);
  --open_readers_;
  pool_cv_.notify_one();
}

void SqliteDatabase::in_read_scope(const std::function<void()>& fn) {
  if (current_scope != nullptr) return fn();  // already inside one
  ReadScope scope{this, nullptr, false};
  current_scope = &scope;
  struct End {
    SqliteDatabase* self;
    ReadScope& scope;
    ~End() {
      current_scope = nullptr;
      if (!scope.conn) return;
      try {
        if (scope.open) scope.conn->exec("COMMIT");  // read-only: nothing to undo
        self->give_back(std::move(scope.conn));
      } catch (const std::exception&) {
        self->discard_reader(std::move(scope.conn));  // in an unknown state: closed
      }
    }
  } end{this, scope};
  fn();
}

void SqliteDatabase::with_read(const std::function<void(Tx&)>& fn) {
  if (current_scope != nullptr && current_scope->db == this) {
    if (!current_scope->conn) current_scope->conn = take_reader();
    if (!current_scope->open) {
      current_scope->conn->exec("BEGIN");
      current_scope->open = true;
    }
    fn(*current_scope->conn);
    return;
  }
  std::unique_ptr<Connection> conn = take_reader();
  struct Return {
    SqliteDatabase* self;
    std::unique_ptr<Connection>& conn;
    ~Return() { self->give_back(std::move(conn)); }
  } give_back{this, conn};
  conn->exec("BEGIN");
  try {
    fn(*conn);
    conn->exec("COMMIT");
  } catch (...) {
    conn->rollback();
    throw;
  }
}

// Ends the read scope's snapshot (if this thread has one on this database),
// so that its next read begins a new one.
void SqliteDatabase::end_scope_snapshot() {
  if (current_scope == nullptr || current_scope->db != this || !current_scope->open) return;
  current_scope->open = false;
  current_scope->conn->exec("COMMIT");
}

void SqliteDatabase::with_write(const std::function<void(Tx&)>& fn) {
  // Later reads of the scope must see this write. Ended before and after:
  // a read inside `fn` would otherwise start a snapshot older than the write.
  end_scope_snapshot();
  struct After {
    SqliteDatabase* self;
    ~After() {
      try {
        self->end_scope_snapshot();
      } catch (const std::exception&) {
        // COMMIT of a read transaction: nothing to lose; the scope ends it again.
      }
    }
  } after{this};
  std::lock_guard lock(write_mutex_);
  writer_->exec("BEGIN IMMEDIATE");
  try {
    fn(*writer_);
    writer_->exec("COMMIT");
  } catch (...) {
    writer_->pending().discard();
    writer_->rollback();
    throw;
  }
  writer_->pending().deliver_to(bus_);
}

bool SqliteDatabase::ping() {
  try {
    return read([](Tx& tx) { return tx.query_one("SELECT 1").has_value(); });
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace prism::store::sqlite
