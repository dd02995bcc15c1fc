#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/postgres/pg_listener.hpp"
#include "store/postgres/pg_pool.hpp"

namespace prism::store::postgres {

class PgTx;

// PostgreSQL through libpq: a bounded pool of connections opened on first
// use (start-up opens none), a bounded wait for a free one (then 503 with
// Retry-After, never an unbounded queue), and a client-side deadline on every
// round trip.
//
// Round trips: a read sends BEGIN, SET LOCAL statement_timeout and its first
// query in one pipelined write and does not wait for its COMMIT (the next
// user of the connection reads that answer on the way), so a read of one
// statement costs one round trip. A write sends BEGIN, SET LOCAL and its
// first statement together and waits for COMMIT.
//
// Writers are serialized across every instance by a transaction-level
// advisory lock taken in that first batch: the services were written against
// SQLite's one-writer semantics (check, then insert, in one transaction), and
// this keeps them exactly as correct on PostgreSQL. Reads run in REPEATABLE
// READ, READ ONLY snapshots and never wait for it.
//
// A connection found dead (the server restarted, a pooler or Neon dropped an
// idle one) is replaced and the transaction run again once, provided its
// COMMIT was not sent yet: an uncommitted transaction is safe to repeat. A
// failure while COMMIT is outstanding is a 503, never a silent retry.
class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, const DatabaseOptions& options);
  ~PostgresDatabase() override;

  Dialect dialect() const override { return Dialect::kPostgres; }
  void with_read(const std::function<void(Tx&)>& fn) override;
  void with_write(const std::function<void(Tx&)>& fn) override;
  bool ping() override;
  void in_read_scope(const std::function<void()>& fn) override;
  // Live once the LISTEN connection (DATABASE_LISTEN_URL, else the
  // database's own URL) is up; it is opened on the first call.
  NotificationBus& notifications() override;
  // False once a pooler was found not to keep named statements apart.
  bool prepared_statements_enabled() const { return shared_.statements.enabled.load(); }
  std::uint64_t round_trips() const override {
    return shared_.round_trips.load(std::memory_order_relaxed);
  }

 private:
  using ConnectionPtr = std::unique_ptr<PgConnection>;
  // Runs `fn` in one transaction, on `conn` when given, with the retry rule
  // above; returns the connection when it is still usable.
  ConnectionPtr transact(bool write, const std::function<void(Tx&)>& fn, ConnectionPtr conn);
  [[noreturn]] void fail(PgTx& tx, ConnectionPtr conn);
  void end_scope_snapshot();

  std::string url_;
  DatabaseOptions options_;
  std::chrono::milliseconds connect_timeout_;
  std::chrono::milliseconds round_trip_timeout_;
  std::string set_timeout_;
  PgConnection::Shared shared_;
  PgPool pool_;
  NotificationBus bus_{false, true};
  std::once_flag listener_once_;
  std::unique_ptr<PgListener> listener_;  // last: its thread stops first
};

}  // namespace prism::store::postgres
