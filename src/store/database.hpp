#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.hpp"
#include "store/notification_bus.hpp"

namespace prism::store {

// SQL in PRISM is written once with ?1, ?2 … placeholders; each driver binds
// them natively (SQLite) or rewrites them ($1 for PostgreSQL). Timestamps are
// integer Unix milliseconds and ids are text, so the same SQL fits both.
enum class Dialect { kSqlite, kPostgres };

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

inline Value opt(const std::optional<std::string>& v) { return v ? Value(*v) : Value(nullptr); }
inline Value opt(const std::optional<std::int64_t>& v) { return v ? Value(*v) : Value(nullptr); }
inline Value opt(const std::optional<double>& v) { return v ? Value(*v) : Value(nullptr); }

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  bool is_null(std::size_t i) const;
  std::string str(std::size_t i) const;  // NULL reads as ""
  std::optional<std::string> opt_str(std::size_t i) const;
  // str / opt_str that move a text column out instead of copying it (the row
  // is read once, by a row mapper, and thrown away).
  std::string take_str(std::size_t i);
  std::optional<std::string> take_opt_str(std::size_t i);
  std::int64_t i64(std::size_t i) const;  // NULL reads as 0
  std::optional<std::int64_t> opt_i64(std::size_t i) const;
  double f64(std::size_t i) const;
  std::optional<double> opt_f64(std::size_t i) const;
  // All values as the driver read them (for copying rows as they are).
  std::vector<Value> take_values() { return std::move(values_); }

 private:
  std::vector<Value> values_;
};

// A unique or foreign-key constraint failed; services turn it into a 409 with
// a message that names the conflicting field.
class ConstraintError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The database is unreachable or failed in a way the request cannot recover from.
class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The database cannot be reached or did not answer in time (connection
// refused or lost, client deadline, statement timeout, no free pooled
// connection). A prism::Error with kUnavailable, so the one error mapping
// answers 503 with Retry-After; the internal message (never a password) is
// what the log gets.
class DatabaseUnavailable : public Error {
 public:
  explicit DatabaseUnavailable(const std::string& internal_message, int retry_after_seconds = 2)
      : Error(ErrorCode::kUnavailable, "the database is unavailable; retry shortly",
              internal_message) {
    this->retry_after_seconds = retry_after_seconds;
  }
};

// The database has no room for a write (PostgreSQL's disk_full, which is
// also what Neon answers at its project size limit; SQLite's SQLITE_FULL,
// also at DATABASE_QUOTA_BYTES). The transaction was rolled back whole, so
// nothing is half-written, and reads work as before: a 507 naming storage.
class StorageFull : public Error {
 public:
  explicit StorageFull(const std::string& internal_message)
      : Error(ErrorCode::kInsufficientStorage,
              "the database is full, so nothing was saved; reading works as before. A server "
              "administrator must free space (prism cleanup, prism storage) or raise the "
              "database's quota",
              internal_message) {}
};

// One connection, inside a transaction for writes. Only code in store/ calls it.
class Tx {
 public:
  virtual ~Tx() = default;
  virtual std::vector<Row> query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Returns the number of rows changed.
  virtual std::int64_t exec(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual void exec_script(std::string_view sql) = 0;
  virtual Dialect dialect() const = 0;
  // Announces `payload` on `channel` (see NotificationBus) when this write
  // transaction commits; nothing is announced when it rolls back.
  virtual void notify(std::string_view channel, std::string_view payload) = 0;

  std::optional<Row> query_one(std::string_view sql, const std::vector<Value>& params = {}) {
    auto rows = query(sql, params);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
  }
  // The first row turned into a value by `from` (e.g. a store's row mapper),
  // or nullopt when there is none.
  template <typename F>
  auto query_one_as(std::string_view sql, const std::vector<Value>& params, F&& from)
      -> std::optional<std::decay_t<decltype(from(std::declval<Row&>()))>> {
    auto row = query_one(sql, params);
    if (!row) return std::nullopt;
    return from(*row);
  }
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // Runs `fn` on a read connection (a consistent snapshot for its duration).
  virtual void with_read(const std::function<void(Tx&)>& fn) = 0;
  // Runs `fn` in a write transaction: committed when it returns, rolled back
  // when it throws. Writers are serialized, never failing with "busy".
  virtual void with_write(const std::function<void(Tx&)>& fn) = 0;
  // A cheap round trip for /ready.
  virtual bool ping() = 0;
  // What committed transactions announced with Tx::notify, in this process.
  virtual NotificationBus& notifications() = 0;
  // Runs `fn` with every read this thread makes inside it sharing one read
  // transaction, i.e. one snapshot: a GET request's authentication and its
  // handler. A write on this thread inside `fn` ends the shared snapshot, so
  // later reads see what was written. The default shares nothing.
  virtual void in_read_scope(const std::function<void()>& fn) { fn(); }
  // Round trips made to a database server so far (0 for the embedded one),
  // for /metrics.
  virtual std::uint64_t round_trips() const { return 0; }

  template <typename F>
  auto read(F&& fn) -> decltype(fn(std::declval<Tx&>())) {
    using R = decltype(fn(std::declval<Tx&>()));
    if constexpr (std::is_void_v<R>) {
      with_read([&](Tx& tx) { fn(tx); });
    } else {
      std::optional<R> out;
      with_read([&](Tx& tx) { out.emplace(fn(tx)); });
      return std::move(*out);
    }
  }
  template <typename F>
  auto write(F&& fn) -> decltype(fn(std::declval<Tx&>())) {
    using R = decltype(fn(std::declval<Tx&>()));
    if constexpr (std::is_void_v<R>) {
      with_write([&](Tx& tx) { fn(tx); });
    } else {
      std::optional<R> out;
      with_write([&](Tx& tx) { out.emplace(fn(tx)); });
      return std::move(*out);
    }
  }
};

// How a server database (PostgreSQL) is used; the embedded one ignores it.
struct DatabaseOptions {
  int pool_size = 32;               // DATABASE_POOL_SIZE
  int pool_timeout_ms = 2000;       // DATABASE_POOL_TIMEOUT_MS: wait for a free connection
  int statement_timeout_ms = 5000;  // DATABASE_STATEMENT_TIMEOUT_MS
  std::string listen_url;           // DATABASE_LISTEN_URL; empty: the database's own URL
  // The LISTEN connection checks itself only while the pool was used within
  // this long (see PgListener).
  std::chrono::milliseconds listen_idle_after{std::chrono::minutes(1)};
  // DATABASE_QUOTA_BYTES (0: none). The embedded database enforces it (its
  // file grows no further: writes then fail with StorageFull); a server
  // database enforces its own limit, and this is only reported against.
  std::int64_t quota_bytes = 0;
};

// Opens the database named by a DATABASE_URL: `sqlite:PATH`, or
// `postgres://…` / `postgresql://…` (handed to libpq as it is). Opens no
// PostgreSQL connection yet: they are made on first use.
std::unique_ptr<Database> open_database(const std::string& url,
                                        const DatabaseOptions& options = {});
bool is_postgres_url(std::string_view url);

}  // namespace prism::store
