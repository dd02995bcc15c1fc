#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

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
// Statements go through PQsendQueryParams, i.e. the extended protocol with
// the UNNAMED statement: nothing is prepared under a name and no session
// state is kept between transactions, which is what a transaction-mode pooler
// (PgBouncer, Neon's -pooler host) requires.
class PgConnection {
 public:
  PgConnection(const std::string& url, std::chrono::milliseconds connect_timeout,
               std::atomic<std::uint64_t>& round_trips);
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
  // Sends `statements` and a Sync without waiting for the answer: the next
  // run() reads it. For the COMMIT of a read and the ROLLBACK after a failure,
  // whose outcome changes nothing for the caller.
  void send_unawaited(std::span<const Statement> statements, std::chrono::milliseconds timeout);
  // Several statements without parameters (a migration), through the simple
  // protocol: pipeline mode is left for it and entered again.
  void run_script(std::string_view sql, std::chrono::milliseconds timeout);

  bool broken() const { return broken_; }
  Clock::time_point last_used() const { return last_used_; }

 private:
  void send(std::span<const Statement> statements, Clock::time_point deadline);
  void flush(Clock::time_point deadline);
  // Completes the connection started in the constructor (TCP, TLS, authentication).
  void handshake(Clock::time_point deadline);
  void wait_socket(bool for_write, Clock::time_point deadline);
  // The next result of the pipeline, nullptr between two statements' results.
  void* next_result(Clock::time_point deadline);
  void read_batch(std::vector<StatementResult>* out, Clock::time_point deadline);
  [[noreturn]] void lost(const std::string& what);

  pg_conn* conn_ = nullptr;
  std::atomic<std::uint64_t>& round_trips_;
  int unread_batches_ = 0;  // sent with send_unawaited, answers not read yet
  bool broken_ = false;
  Clock::time_point last_used_;
};

// "?1 … ?N" placeholders rewritten to PostgreSQL's "$1 … $N" (outside quotes).
std::string to_dollar_placeholders(std::string_view sql);

}  // namespace prism::store::postgres
