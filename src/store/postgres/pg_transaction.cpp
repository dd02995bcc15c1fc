#include "store/postgres/pg_transaction.hpp"

#include <array>
#include <stdexcept>

namespace prism::store::postgres {

namespace {

constexpr std::string_view kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
constexpr std::string_view kBeginWrite = "BEGIN";
// Every write holds this transaction-level lock (see PostgresDatabase);
// released by COMMIT or ROLLBACK, so nothing outlives the transaction.
constexpr std::string_view kWriteLock = "SELECT pg_advisory_xact_lock(5067201861993357312)";
// A migration may rewrite a large table: no statement timeout for it.
constexpr std::string_view kNoStatementTimeout = "SET LOCAL statement_timeout = 0";
constexpr auto kScriptTimeout = std::chrono::minutes(30);

}  // namespace

void PgTx::exec_script(std::string_view sql) {
  run(kNoStatementTimeout, {});
  conn_.run_script(sql, kScriptTimeout);
}

void PgTx::notify(std::string_view channel, std::string_view payload) {
  if (!write_) throw std::logic_error("notify outside a write transaction");
  static constexpr std::string_view kNotify = "SELECT pg_notify(?1, ?2)";
  run(kNotify, {std::string(channel), std::string(payload)});
  pending_.add(channel, payload);
}

StatementResult PgTx::run(std::string_view sql, const std::vector<Value>& params) {
  if (begun_) {
    Statement st{sql, &params, true};
    return std::move(conn_.run({&st, 1}, timeout_).back());
  }
  // Marked first: once BEGIN went out, the transaction must be ended even
  // when this batch fails.
  begun_ = true;
  std::array<Statement, 4> batch{Statement{write_ ? kBeginWrite : kBeginRead},
                                 Statement{set_timeout_}, Statement{kWriteLock, nullptr, true},
                                 Statement{sql, &params, true}};
  if (!write_) batch[2] = batch[3];
  auto results = conn_.run({batch.data(), write_ ? 4u : 3u}, timeout_);
  return std::move(results.back());
}

void send_quietly(PgConnection& conn, std::string_view sql, std::chrono::milliseconds timeout) {
  try {
    Statement st{sql};
    conn.send_unawaited({&st, 1}, timeout);
  } catch (const std::exception&) {
    // Marked broken by the connection itself.
  }
}

}  // namespace prism::store::postgres
