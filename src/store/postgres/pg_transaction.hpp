#pragma once

#include <chrono>
#include <string_view>
#include <vector>

#include "store/database.hpp"
#include "store/postgres/pg_connection.hpp"

namespace prism::store::postgres {

// A transaction on one connection. BEGIN and its settings (the statement
// timeout, and for a write the lock that serializes writers) are not sent on
// their own: they go in front of the first statement, in the same round trip.
class PgTx final : public Tx {
 public:
  PgTx(PgConnection& conn, bool write, std::string_view set_timeout,
       std::chrono::milliseconds timeout)
      : conn_(conn), write_(write), set_timeout_(set_timeout), timeout_(timeout) {}

  std::vector<Row> query(std::string_view sql, const std::vector<Value>& params) override {
    return run(sql, params).rows;
  }
  std::int64_t exec(std::string_view sql, const std::vector<Value>& params) override {
    return run(sql, params).changed;
  }
  void exec_script(std::string_view sql) override;
  Dialect dialect() const override { return Dialect::kPostgres; }
  // pg_notify in the transaction reaches the other instances when it
  // commits; this instance's own bus gets it from pending() right then.
  void notify(std::string_view channel, std::string_view payload) override;
  PendingNotifications& pending() { return pending_; }
  // Whether BEGIN went out: the transaction must then be ended.
  bool begun() const { return begun_; }

 private:
  StatementResult run(std::string_view sql, const std::vector<Value>& params);

  PgConnection& conn_;
  bool write_;
  std::string_view set_timeout_;
  std::chrono::milliseconds timeout_;
  bool begun_ = false;
  PendingNotifications pending_;
};

// Sends `sql` (COMMIT of a read, ROLLBACK) without waiting for its answer;
// a failure only leaves the connection marked broken, for its owner to drop
// (the server ends the transaction itself when the connection closes).
void send_quietly(PgConnection& conn, std::string_view sql, std::chrono::milliseconds timeout);

}  // namespace prism::store::postgres
