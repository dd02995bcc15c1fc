#include "store/postgres/pg_connection.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <stdexcept>

namespace prism::store::postgres {

namespace {

// PostgreSQL type oids (pg_type.dat) the rows are decoded by.
constexpr Oid kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26, kFloat4 = 700, kFloat8 = 701,
              kNumeric = 1700;

std::string trimmed(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

Value decode(const PGresult* r, int row, int col, Oid type) {
  if (PQgetisnull(r, row, col)) return nullptr;
  const char* v = PQgetvalue(r, row, col);
  auto len = static_cast<std::size_t>(PQgetlength(r, row, col));
  switch (type) {
    case kInt8:
    case kInt2:
    case kInt4:
    case kOid: {
      std::int64_t n = 0;
      std::from_chars(v, v + len, n);
      return n;
    }
    case kFloat4:
    case kFloat8:
    case kNumeric:
      return std::strtod(v, nullptr);
    default:
      return std::string(v, len);  // text; booleans read as "t" / "f"
  }
}

std::vector<Row> decode_rows(const PGresult* r) {
  int rows = PQntuples(r), cols = PQnfields(r);
  std::vector<Oid> types(static_cast<std::size_t>(cols));
  for (int c = 0; c < cols; ++c) types[static_cast<std::size_t>(c)] = PQftype(r, c);
  std::vector<Row> out;
  out.reserve(static_cast<std::size_t>(rows));
  for (int i = 0; i < rows; ++i) {
    std::vector<Value> values;
    values.reserve(types.size());
    for (int c = 0; c < cols; ++c)
      values.push_back(decode(r, i, c, types[static_cast<std::size_t>(c)]));
    out.emplace_back(std::move(values));
  }
  return out;
}

[[noreturn]] void throw_sql_error(const PgConnection::BatchError& e) {
  std::string msg = "PostgreSQL error " + e.sqlstate + ": " + e.message;
  // Unique and foreign-key violations: the services turn them into a 409.
  if (e.sqlstate == "23505" || e.sqlstate == "23503") throw ConstraintError(msg);
  // disk_full: also Neon's answer at the project's size limit.
  if (e.sqlstate == "53100") throw StorageFull(msg);
  // statement_timeout, lock_timeout: the database is overloaded, not the request wrong.
  if (e.sqlstate == "57014" || e.sqlstate == "55P03" || e.sqlstate.rfind("08", 0) == 0 ||
      e.sqlstate == "57P01" || e.sqlstate == "57P03") {
    throw DatabaseUnavailable(msg);
  }
  throw DatabaseError(msg);
}

}  // namespace

std::string to_dollar_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 8);
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;  // a doubled quote closes and opens again
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '?' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      c = '$';
    }
    out += c;
  }
  return out;
}

PgConnection::PgConnection(const std::string& url, std::chrono::milliseconds connect_timeout,
                           Shared& shared)
    : shared_(shared), last_used_(Clock::now()) {
  auto deadline = Clock::now() + connect_timeout;
  // The URL's own application_name wins; without one the server's views
  // (pg_stat_activity) still say which program a connection is.
  const char* const keys[] = {"dbname", "fallback_application_name", nullptr};
  const char* const values[] = {url.c_str(), "prism", nullptr};
  conn_ = PQconnectStartParams(keys, values, 1);
  if (conn_ == nullptr) throw ConnectionLost("cannot connect to PostgreSQL: out of memory");
  try {
    handshake(deadline);
  } catch (...) {
    // No destructor runs for a constructor that throws.
    PQfinish(conn_);
    conn_ = nullptr;
    throw;
  }
}

void PgConnection::handshake(Clock::time_point deadline) {
  if (PQstatus(conn_) == CONNECTION_BAD) lost("cannot connect to PostgreSQL");
  // The handshake (TCP, TLS, authentication) is polled like any query, so a
  // host that does not answer costs connect_timeout, not the kernel's minutes.
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;
  while (status != PGRES_POLLING_OK) {
    if (status == PGRES_POLLING_FAILED) lost("cannot connect to PostgreSQL");
    wait_socket(status == PGRES_POLLING_WRITING, deadline);
    status = PQconnectPoll(conn_);
  }
  // Notices (e.g. "text-search query doesn't contain lexemes") would go to
  // stderr unformatted; they are of no use to anyone reading the log.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
  if (PQsetnonblocking(conn_, 1) != 0 || PQenterPipelineMode(conn_) != 1) {
    lost("cannot set up the PostgreSQL connection");
  }
}

PgConnection::~PgConnection() { PQfinish(conn_); }

void PgConnection::lost(const std::string& what) {
  broken_ = true;
  std::string detail = conn_ ? trimmed(PQerrorMessage(conn_)) : std::string();
  std::string msg = what + (detail.empty() ? "" : ": " + detail);
  if (detail.find("certificate verify failed") != std::string::npos ||
      detail.find("server certificate") != std::string::npos) {
    msg +=
        " (TLS verification of the server's certificate failed: check sslrootcert and the host "
        "name)";
  }
  throw ConnectionLost(msg);
}

void PgConnection::wait_socket(bool for_write, Clock::time_point deadline) {
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      broken_ = true;
      throw ConnectionLost("PostgreSQL did not answer in time (client-side deadline)", true);
    }
    pollfd p{PQsocket(conn_), static_cast<short>(for_write ? POLLOUT | POLLIN : POLLIN), 0};
    if (p.fd < 0) lost("PostgreSQL connection has no socket");
    int rc = ::poll(&p, 1, static_cast<int>(left.count()) + 1);
    if (rc > 0) return;
    if (rc < 0 && errno != EINTR) lost("poll failed");
  }
}

void PgConnection::flush(Clock::time_point deadline) {
  for (;;) {
    int rc = PQflush(conn_);
    if (rc == 0) return;
    if (rc < 0) lost("sending to PostgreSQL failed");
    // The server may be writing to us while we write to it: read what came
    // so that neither side's buffer stays full.
    wait_socket(true, deadline);
    if (!PQconsumeInput(conn_)) lost("reading from PostgreSQL failed");
  }
}

void* PgConnection::next_result(Clock::time_point deadline) {
  while (PQisBusy(conn_)) {
    wait_socket(false, deadline);
    if (!PQconsumeInput(conn_)) lost("reading from PostgreSQL failed");
  }
  PGresult* r = PQgetResult(conn_);
  if (PQstatus(conn_) == CONNECTION_BAD) {
    PQclear(r);
    lost("the PostgreSQL connection broke");
  }
  return r;
}

void PgConnection::send_one(const Statement& st, std::vector<Slot>& slots, int index) {
  static const std::vector<Value> kNoParams;
  std::string sql = to_dollar_placeholders(st.sql);
  EncodedParams p = encode_params(st.params ? *st.params : kNoParams);
  auto n = static_cast<int>(p.values.size());
  bool named = st.prepare && shared_.statements.enabled.load(std::memory_order_relaxed) &&
               worth_preparing(st.sql);
  std::string name = named ? PreparedStatements::name_for(sql, p.types) : std::string();
  if (named && !prepared_.has(name)) {
    named = !prepared_.full();
    if (named) {
      if (!PQsendPrepare(conn_, name.c_str(), sql.c_str(), n, p.types.data())) {
        lost("sending to PostgreSQL failed");
      }
      slots.push_back({-1, name});
    }
  }
  int ok = named ? PQsendQueryPrepared(conn_, name.c_str(), n, p.values.data(), nullptr, nullptr, 0)
                 : PQsendQueryParams(conn_, sql.c_str(), n, p.types.data(), p.values.data(),
                                     nullptr, nullptr, 0);
  if (!ok) lost("sending to PostgreSQL failed");
  slots.push_back({index, {}});
}

std::vector<PgConnection::Slot> PgConnection::send(std::span<const Statement> statements,
                                                   Clock::time_point deadline) {
  std::vector<Slot> slots;
  slots.reserve(statements.size() + 1);
  for (std::size_t i = 0; i < statements.size(); ++i) {
    send_one(statements[i], slots, static_cast<int>(i));
  }
  if (!PQpipelineSync(conn_)) lost("sending to PostgreSQL failed");
  flush(deadline);
  return slots;
}

void PgConnection::read_batch(std::vector<StatementResult>* out, const std::vector<Slot>& slots,
                              Clock::time_point deadline) {
  BatchError error;
  std::size_t index = 0, max_index = out ? slots.size() + 1 : 64;
  for (;;) {
    auto* r = static_cast<PGresult*>(next_result(deadline));
    if (r == nullptr) {  // the end of one statement's results
      if (++index > max_index) lost("PostgreSQL pipeline out of step");
      continue;
    }
    ExecStatusType status = PQresultStatus(r);
    if (status == PGRES_PIPELINE_SYNC) {
      PQclear(r);
      break;
    }
    const Slot* slot = out && index < slots.size() ? &slots[index] : nullptr;
    if (status == PGRES_FATAL_ERROR && error.message.empty()) {
      const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
      error = {state ? state : "XX000", trimmed(PQresultErrorMessage(r))};
    } else if (slot && slot->index < 0) {
      if (status == PGRES_COMMAND_OK) prepared_.add(slot->prepared);
    } else if (slot) {
      auto& result = (*out)[static_cast<std::size_t>(slot->index)];
      if (status == PGRES_TUPLES_OK) result.rows = decode_rows(r);
      if (status == PGRES_COMMAND_OK) {
        const char* n = PQcmdTuples(r);
        result.changed = n && *n ? std::atoll(n) : 0;
      }
    }
    PQclear(r);
  }
  if (!out || error.message.empty()) return;
  if (is_prepared_statement_mismatch(error.sqlstate, error.message)) statements_mismatch(error);
  throw_sql_error(error);
}

void PgConnection::statements_mismatch(const BatchError& error) {
  if (means_pooler_without_prepared_statements(error.sqlstate) &&
      shared_.statements.enabled.exchange(false)) {
    spdlog::warn(
        "PostgreSQL: named prepared statements do not survive the pooler in front of the "
        "server ({}); running every statement unnamed from now on",
        error.message);
  }
  // The transaction failed before its COMMIT: it runs again, on a new
  // connection that holds no statements this one believed in.
  broken_ = true;
  throw ConnectionLost("PostgreSQL prepared statements out of step (" + error.sqlstate + ")");
}

std::vector<StatementResult> PgConnection::run(std::span<const Statement> statements,
                                               std::chrono::milliseconds timeout) {
  if (broken_) throw ConnectionLost("the PostgreSQL connection is broken");
  auto deadline = Clock::now() + timeout;
  last_used_ = Clock::now();
  auto slots = send(statements, deadline);
  shared_.round_trips.fetch_add(1, std::memory_order_relaxed);
  // Answers to earlier unawaited batches come first; they are sent before
  // this batch, so reading them costs no extra round trip.
  for (; unread_batches_ > 0; --unread_batches_) read_batch(nullptr, {}, deadline);
  std::vector<StatementResult> results(statements.size());
  read_batch(&results, slots, deadline);
  return results;
}

void PgConnection::send_unawaited(std::span<const Statement> statements,
                                  std::chrono::milliseconds timeout) {
  if (broken_) throw ConnectionLost("the PostgreSQL connection is broken");
  for (const auto& st : statements) {
    if (st.prepare) throw std::logic_error("send_unawaited with a statement to prepare");
  }
  send(statements, Clock::now() + timeout);
  ++unread_batches_;
}

void PgConnection::run_script(std::string_view sql, std::chrono::milliseconds timeout) {
  if (broken_) throw ConnectionLost("the PostgreSQL connection is broken");
  auto deadline = Clock::now() + timeout;
  for (; unread_batches_ > 0; --unread_batches_) read_batch(nullptr, {}, deadline);
  if (PQexitPipelineMode(conn_) != 1) lost("cannot leave pipeline mode");
  std::string text(sql);
  if (!PQsendQuery(conn_, text.c_str())) lost("sending to PostgreSQL failed");
  flush(deadline);
  shared_.round_trips.fetch_add(1, std::memory_order_relaxed);
  BatchError error;
  while (auto* r = static_cast<PGresult*>(next_result(deadline))) {
    if (PQresultStatus(r) == PGRES_FATAL_ERROR && error.message.empty()) {
      const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
      error = {state ? state : "XX000", trimmed(PQresultErrorMessage(r))};
    }
    PQclear(r);
  }
  if (PQenterPipelineMode(conn_) != 1) lost("cannot enter pipeline mode");
  if (!error.message.empty()) throw_sql_error(error);
}

}  // namespace prism::store::postgres
