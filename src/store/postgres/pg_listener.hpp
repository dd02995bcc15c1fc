#pragma once

#include <atomic>
#include <condition_variable>
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
class PgListener {
 public:
  PgListener(std::string conninfo, NotificationBus& bus);
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
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace prism::store::postgres
