#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"
#include "store/postgres/pg_statements.hpp"

struct pg_conn;

namespace prism::store::postgres {

using Clock = std::chrono::steady_clock;

// The connection broke or the server did not answer before the deadline. The
// connection is useless afterwards; whether the work may be run again on a
// new one is for the caller to decide (it knows whether COMMIT was sent).
class ConnectionLost : public DatabaseUnavailable {
 public:
  explicit ConnectionLost(const std::string& message, bool timed_out = false)
      : DatabaseUnavailable(message), timed_out(timed_out) {}
  // No answer before the deadline (rather than a closed or reset
  // connection): the server may be stopped, so trying again would only
  // double the wait.
  bool timed_out;
};

struct Statement {
  std::string_view sql;  // with ?N placeholders
  const std::vector<Value>* params = nullptr;
  // Run as a named prepared statement (a query run often), not unnamed (BEGIN, COMMIT).
  bool prepare = false;
};

struct StatementResult {
  std::vector<Row> rows;
  std::int64_t changed = 0;
};

// One libpq connection in pipeline mode, driven without ever blocking in
// libpq: every send is flushed and every answer awaited with poll() against a
// client-side deadline, so a stopped or vanished server costs a request at
// most that deadline instead of a hung thread.
//
// Queries run as named prepared statements (see PreparedStatements: their
// names survive a transaction-mode pooler), prepared in the same round trip
// as their first use; BEGIN, SET LOCAL and COMMIT run unnamed. No other
// session state is kept between transactions.
class PgConnection {
 public:
  // What every connection of one database shares.
  struct Shared {
    std::atomic<std::uint64_t> round_trips{0};
    PreparedStatements::Policy statements;
  };

  PgConnection(const std::string& url, std::chrono::milliseconds connect_timeout, Shared& shared);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Sends `statements` and a Sync in one write and returns their results,
  // waiting at most `timeout`. Results of batches sent with send_unawaited
  // earlier are read (and dropped) on the way. The first SQL error is thrown
  // (ConstraintError for unique / foreign-key violations) once the whole
  // batch is read, so the connection stays usable.
  std::vector<StatementResult> run(std::span<const Statement> statements,
                                   std::chrono::milliseconds timeout);
  // Sends `statements` (none of them prepared) and a Sync without waiting
  // for the answer: the next run() reads it. For the COMMIT of a read and the
  // ROLLBACK after a failure, whose outcome changes nothing for the caller.
  void send_unawaited(std::span<const Statement> statements, std::chrono::milliseconds timeout);
  // Several statements without parameters (a migration), through the simple
  // protocol: pipeline mode is left for it and entered again.
  void run_script(std::string_view sql, std::chrono::milliseconds timeout);

  bool broken() const { return broken_; }

  // The first SQL error of a batch.
  struct BatchError {
    std::string sqlstate;
    std::string message;
  };
  Clock::time_point last_used() const { return last_used_; }

 private:
  // What each result of a batch answers: a statement's (its index in the
  // batch), or the Parse that prepared `prepared` (index -1).
  struct Slot {
    int index = -1;
    std::string prepared;
  };
  std::vector<Slot> send(std::span<const Statement> statements, Clock::time_point deadline);
  // Sends one statement, preceded by its Parse when it is not prepared yet.
  void send_one(const Statement& st, std::vector<Slot>& slots, int index);
  void flush(Clock::time_point deadline);
  // Completes the connection started in the constructor (TCP, TLS, authentication).
  void handshake(Clock::time_point deadline);
  void wait_socket(bool for_write, Clock::time_point deadline);
  // The next result of the pipeline, nullptr between two statements' results.
  void* next_result(Clock::time_point deadline);
  // Reads one batch's results up to its Sync, into `out` when given (then
  // `slots` says which result is whose).
  void read_batch(std::vector<StatementResult>* out, const std::vector<Slot>& slots,
                  Clock::time_point deadline);
  [[noreturn]] void lost(const std::string& what);
  // The server does not hold the named statements this connection believes
  // it prepared: see PreparedStatements.
  [[noreturn]] void statements_mismatch(const BatchError& error);

  pg_conn* conn_ = nullptr;
  Shared& shared_;
  PreparedStatements prepared_;
  int unread_batches_ = 0;  // sent with send_unawaited, answers not read yet
  bool broken_ = false;
  Clock::time_point last_used_;
};

// "?1 … ?N" placeholders rewritten to PostgreSQL's "$1 … $N" (outside quotes).
std::string to_dollar_placeholders(std::string_view sql);

}  // namespace prism::store::postgres
