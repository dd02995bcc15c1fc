#include "store/postgres/pg_listener.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <vector>

#include "core/thread_name.hpp"

namespace prism::store::postgres {

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Without traffic a dead server (stopped, or a dropped route) is noticed
// only by asking: a round trip every kCheckEvery, answered within kAnswerIn.
constexpr auto kCheckEvery = 2s;
constexpr auto kAnswerIn = 2s;
constexpr auto kMaxBackoff = 5s;
constexpr auto kConnectWithin = 5s;

// Waits for the connection's socket to be readable; false on timeout.
bool readable(PGconn* conn, std::chrono::milliseconds timeout) {
  pollfd fd{PQsocket(conn), POLLIN, 0};
  return ::poll(&fd, 1, static_cast<int>(timeout.count())) > 0;
}

// Sends `sql` and reads its results within kAnswerIn; false when the
// connection failed. Notifications that arrive meanwhile stay queued.
bool round_trip(PGconn* conn, const std::string& sql) {
  if (PQsendQuery(conn, sql.c_str()) == 0) return false;
  auto deadline = Clock::now() + kAnswerIn;
  while (PQisBusy(conn)) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left <= 0ms || !readable(conn, left) || PQconsumeInput(conn) == 0) return false;
  }
  bool ok = true;
  while (PGresult* r = PQgetResult(conn)) {
    auto status = PQresultStatus(r);
    ok = ok && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK);
    PQclear(r);
  }
  return ok;
}

std::string listen_sql(PGconn* conn, const std::string& channel) {
  char* quoted = PQescapeIdentifier(conn, channel.c_str(), channel.size());
  std::string sql = std::string("LISTEN ") + (quoted ? quoted : "\"\"");
  PQfreemem(quoted);
  return sql;
}

}  // namespace

PgListener::PgListener(std::string conninfo, NotificationBus& bus, std::function<bool()> in_use)
    : conninfo_(std::move(conninfo)), bus_(bus), in_use_(std::move(in_use)), thread_([this] {
        name_this_thread("prism-listen");
        run();
      }) {}

PgListener::~PgListener() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

bool PgListener::sleep_unless_stopped(std::chrono::milliseconds how_long) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, how_long, [this] { return stopping_; });
}

void PgListener::run() {
  auto backoff = 250ms;
  while (sleep_unless_stopped(0ms)) {
    if (!in_use_()) {  // nothing to listen for yet: no reason to wake the server
      if (!sleep_unless_stopped(250ms)) break;
      continue;
    }
    PGconn* conn = connect();
    if (conn != nullptr && PQstatus(conn) == CONNECTION_OK) {
      backoff = 250ms;
      listen_on(conn);
    } else {
      // libpq's message names the host and the cause, never the password.
      spdlog::warn("database notifications unavailable: {}",
                   conn != nullptr ? PQerrorMessage(conn) : "cannot connect");
    }
    PQfinish(conn);
    if (!sleep_unless_stopped(backoff)) break;
    backoff = std::min<std::chrono::milliseconds>(backoff * 2, kMaxBackoff);
  }
}

// Connects without blocking for longer than kConnectWithin (a stopped server
// would otherwise hold the handshake, and with it shutdown, indefinitely).
PGconn* PgListener::connect() {
  // The URL's own application_name wins; without one, pg_stat_activity
  // tells this connection from the pool's.
  const char* const keys[] = {"dbname", "fallback_application_name", nullptr};
  const char* const values[] = {conninfo_.c_str(), "prism-listen", nullptr};
  PGconn* conn = PQconnectStartParams(keys, values, 1);
  if (conn == nullptr) return nullptr;
  auto deadline = Clock::now() + kConnectWithin;
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;
  while (PQstatus(conn) != CONNECTION_BAD && status != PGRES_POLLING_OK &&
         status != PGRES_POLLING_FAILED && Clock::now() < deadline && sleep_unless_stopped(0ms)) {
    pollfd fd{PQsocket(conn),
              static_cast<short>(status == PGRES_POLLING_WRITING ? POLLOUT : POLLIN), 0};
    int ready = ::poll(&fd, 1, 250);
    if (ready > 0) status = PQconnectPoll(conn);
  }
  return conn;
}

void PgListener::listen_on(PGconn* conn) {
  std::set<std::string> listening;
  auto listen_new = [&] {
    for (const auto& channel : bus_.channels()) {
      if (listening.contains(channel)) continue;
      if (!round_trip(conn, listen_sql(conn, channel))) return false;
      listening.insert(channel);
    }
    return true;
  };
  if (!listen_new()) return;
  // Only now is every notification received: what was committed before
  // may have been missed, which the new epoch tells the caches.
  bus_.set_live(true);
  spdlog::info("listening for database notifications");
  bool live = true;
  auto checked = Clock::now();
  bool ok = true;
  while (ok && sleep_unless_stopped(0ms)) {
    if (readable(conn, 250ms) && PQconsumeInput(conn) == 0) ok = false;
    while (PGnotify* n = PQnotifies(conn)) {
      bus_.deliver(n->relname, n->extra);
      PQfreemem(n);
    }
    bool used = in_use_();
    if (live && !used) {
      // Unchecked, the connection may die unnoticed: caches stop trusting.
      bus_.set_live(false);
      live = false;
    }
    if (ok && used && (!live || Clock::now() - checked >= kCheckEvery)) {
      std::size_t before = listening.size();
      ok = listen_new() && round_trip(conn, "SELECT 1");
      // A channel listened to only now may have missed notifications: its
      // caches must not trust what they read before (a new epoch).
      if (ok && (!live || listening.size() != before)) bus_.set_live(true);
      live = ok;
      checked = Clock::now();
    }
    if (PQstatus(conn) != CONNECTION_OK) ok = false;
  }
  bus_.set_live(false);
  if (ok) return;
  if (in_use_()) {
    spdlog::warn("database notifications lost: {}", PQerrorMessage(conn));
  } else {  // e.g. Neon suspended the idle server: reconnected on next use
    spdlog::info("database notification connection closed while unused: {}", PQerrorMessage(conn));
  }
}

}  // namespace prism::store::postgres
