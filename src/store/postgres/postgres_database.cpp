#include "store/postgres/postgres_database.hpp"

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <cstdlib>

#include "store/postgres/pg_transaction.hpp"

namespace prism::store::postgres {

namespace {

constexpr std::string_view kCommit = "COMMIT";
constexpr std::string_view kRollback = "ROLLBACK";

// libpq's connect_timeout when the URL names one, else 5 s: a server that
// does not answer must not hold a request longer than that.
std::chrono::milliseconds connect_timeout_of(const std::string& url) {
  std::chrono::milliseconds out = std::chrono::seconds(5);
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (err) PQfreemem(err);
  if (!opts) throw DatabaseError("DATABASE_URL is not a valid PostgreSQL URL");
  for (auto* o = opts; o->keyword; ++o) {
    if (std::string_view(o->keyword) == "connect_timeout" && o->val && *o->val) {
      int s = std::atoi(o->val);
      if (s > 0) out = std::chrono::seconds(std::max(2, s));
    }
  }
  PQconninfoFree(opts);
  return out;
}

// The read scope of this thread (in_read_scope): the connection it holds and
// its open read transaction, begun by its first read.
struct ReadScope {
  PostgresDatabase* db = nullptr;
  std::unique_ptr<PgConnection> conn;
  std::unique_ptr<PgTx> tx;
};
thread_local ReadScope* current_scope = nullptr;

}  // namespace

PostgresDatabase::PostgresDatabase(std::string url, const DatabaseOptions& options)
    : url_(std::move(url)),
      options_(options),
      connect_timeout_(connect_timeout_of(url_)),
      // A little beyond the server's own statement timeout, so that a slow
      // statement is reported by the server (with its reason), and a server
      // that does not answer at all by this deadline.
      round_trip_timeout_(options.statement_timeout_ms + 250),
      set_timeout_("SET LOCAL statement_timeout = " + std::to_string(options.statement_timeout_ms)),
      pool_(options.pool_size, std::chrono::milliseconds(options.pool_timeout_ms),
            [this](std::chrono::milliseconds connect_timeout) {
              return std::make_unique<PgConnection>(url_, connect_timeout, shared_);
            }) {}

PostgresDatabase::~PostgresDatabase() = default;

PostgresDatabase::ConnectionPtr PostgresDatabase::transact(bool write,
                                                           const std::function<void(Tx&)>& fn,
                                                           ConnectionPtr conn) {
  for (int attempt = 0;; ++attempt) {
    if (!conn) conn = pool_.borrow(connect_timeout_);
    PgTx tx(*conn, write, set_timeout_, round_trip_timeout_);
    bool commit_sent = false;
    try {
      fn(tx);
      if (tx.begun()) {
        Statement commit{kCommit};
        if (write) {
          commit_sent = true;
          conn->run({&commit, 1}, round_trip_timeout_);
          tx.pending().deliver_to(bus_);
        } else {
          // Nothing to lose by not waiting: the read's results are in hand.
          send_quietly(*conn, kCommit, round_trip_timeout_);
        }
      }
      return conn;
    } catch (const ConnectionLost& e) {
      // (Lost by a nested read on another connection: a failure like any other.)
      if (!conn->broken()) fail(tx, std::move(conn));
      pool_.give_back(std::move(conn));  // closed and no longer counted
      pool_.drop_idle();
      if (commit_sent || attempt > 0 || e.timed_out) {
        spdlog::warn("PostgreSQL: {}{}", e.internal_message(),
                     commit_sent ? " (while COMMIT was outstanding: not retried)" : "");
        throw;
      }
      spdlog::info("PostgreSQL: {}; running the transaction again on a new connection",
                   e.internal_message());
    } catch (...) {
      fail(tx, std::move(conn));
    }
  }
}

// Rolls back (without waiting) what `tx` began, gives the connection back and
// rethrows the exception being handled.
void PostgresDatabase::fail(PgTx& tx, ConnectionPtr conn) {
  if (tx.begun() && !conn->broken()) send_quietly(*conn, kRollback, round_trip_timeout_);
  pool_.give_back(std::move(conn));
  throw;
}

NotificationBus& PostgresDatabase::notifications() {
  std::call_once(listener_once_, [this] {
    listener_ = std::make_unique<PgListener>(
        options_.listen_url.empty() ? url_ : options_.listen_url, bus_,
        [this] { return pool_.used_within(options_.listen_idle_after); });
  });
  return bus_;
}

void PostgresDatabase::with_read(const std::function<void(Tx&)>& fn) {
  ReadScope* scope = current_scope;
  if (scope == nullptr || scope->db != this) {
    pool_.give_back(transact(false, fn, nullptr));
    return;
  }
  // Inside a read scope: every read shares the scope's transaction.
  for (int attempt = 0;; ++attempt) {
    if (!scope->conn) scope->conn = pool_.borrow(connect_timeout_);
    if (!scope->tx)
      scope->tx = std::make_unique<PgTx>(*scope->conn, false, set_timeout_, round_trip_timeout_);
    try {
      fn(*scope->tx);
      return;
    } catch (const ConnectionLost& e) {
      if (!scope->conn->broken()) {  // lost by a nested call on another connection
        end_scope_snapshot();
        throw;
      }
      scope->tx.reset();
      pool_.give_back(std::move(scope->conn));  // broken: closed and no longer counted
      pool_.drop_idle();
      if (attempt > 0 || e.timed_out) throw;
      spdlog::info("PostgreSQL: {}; reading again on a new connection", e.internal_message());
    } catch (...) {
      // A failed statement aborts the transaction: the next read begins anew.
      end_scope_snapshot();
      throw;
    }
  }
}

void PostgresDatabase::end_scope_snapshot() {
  ReadScope* scope = current_scope;
  if (scope == nullptr || scope->db != this || !scope->tx) return;
  if (scope->tx->begun() && !scope->conn->broken()) {
    send_quietly(*scope->conn, kCommit, round_trip_timeout_);
  }
  scope->tx.reset();
}

void PostgresDatabase::in_read_scope(const std::function<void()>& fn) {
  if (current_scope != nullptr) return fn();  // already inside one
  ReadScope scope{this, nullptr, nullptr};
  current_scope = &scope;
  struct End {
    PostgresDatabase* self;
    ReadScope& scope;
    ~End() {
      self->end_scope_snapshot();
      current_scope = nullptr;
      self->pool_.give_back(std::move(scope.conn));
    }
  } end{this, scope};
  fn();
}

void PostgresDatabase::with_write(const std::function<void(Tx&)>& fn) {
  ReadScope* scope = current_scope;
  if (scope == nullptr || scope->db != this) {
    pool_.give_back(transact(true, fn, nullptr));
    return;
  }
  // Later reads of the scope must see this write, and a read inside `fn`
  // must not pin a snapshot older than it: ended before and after. The
  // write runs on the scope's connection when it has one.
  end_scope_snapshot();
  ConnectionPtr conn = std::move(scope->conn);
  struct After {
    PostgresDatabase* self;
    ReadScope* scope;
    ConnectionPtr conn;
    ~After() {
      self->end_scope_snapshot();
      if (!scope->conn) {
        scope->conn = std::move(conn);
      } else {
        self->pool_.give_back(std::move(conn));
      }
    }
  } after{this, scope, nullptr};
  after.conn = transact(true, fn, std::move(conn));
}

// /ready answers within a few seconds even when the server hangs: the ping
// waits at most 2 s for a new connection and 2 s for its answer, and is not
// retried.
bool PostgresDatabase::ping() {
  constexpr std::chrono::milliseconds kPingTimeout{2000};
  ConnectionPtr conn;
  try {
    conn = pool_.borrow(std::min(connect_timeout_, kPingTimeout));
    PgTx tx(*conn, false, set_timeout_, std::min(round_trip_timeout_, kPingTimeout));
    bool ok = tx.query_one("SELECT 1").has_value();
    send_quietly(*conn, kCommit, round_trip_timeout_);
    pool_.give_back(std::move(conn));
    return ok;
  } catch (const std::exception& e) {
    if (conn && !conn->broken()) send_quietly(*conn, kRollback, round_trip_timeout_);
    pool_.give_back(std::move(conn));
    spdlog::warn("PostgreSQL is not ready: {}", e.what());
    return false;
  }
}

}  // namespace prism::store::postgres
