#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "store/notification_bus.hpp"

typedef struct pg_conn PGconn;  // libpq's, kept out of the header

namespace prism::store::postgres {

// Carries PostgreSQL's notifications (Tx::notify commits them with
// pg_notify) to this process's NotificationBus, on one connection of its
// own that LISTENs to every channel the bus has listeners for.
//
// LISTEN needs a session, so this connection must reach the server itself,
// not a transaction-mode pooler (a Neon "-pooler" host or PgBouncer in
// transaction mode): DATABASE_LISTEN_URL names the direct host there.
// The bus is live only while the connection is up and has been checked
// within the last few seconds; when it drops (or stops answering), the bus
// turns not live at once, so caches stop trusting what they hold, and the
// listener reconnects with backoff.
//
// It checks (a round trip every 2 s) and reconnects only while `in_use` says
// the database is being used. Otherwise it sends nothing, so a scale-to-zero
// server (Neon suspends after 5 minutes without a query) can sleep: the bus
// turns not live, the connection stays open while the server keeps it, and
// the first use afterwards wakes the check again, which makes the bus live
// once the connection has answered.
class PgListener {
 public:
  PgListener(std::string conninfo, NotificationBus& bus, std::function<bool()> in_use);
  ~PgListener();
  PgListener(const PgListener&) = delete;
  PgListener& operator=(const PgListener&) = delete;

 private:
  void run();
  PGconn* connect();
  // One connection's life: returns when it failed or the listener stops.
  void listen_on(PGconn* conn);
  bool sleep_unless_stopped(std::chrono::milliseconds how_long);

  const std::string conninfo_;
  NotificationBus& bus_;
  const std::function<bool()> in_use_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace prism::store::postgres
