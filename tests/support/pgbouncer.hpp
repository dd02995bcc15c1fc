#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace prism::testing {

// Debian's PgBouncer in transaction mode in front of a PostgreSQL, as Neon's
// -pooler host is: its clients share `server_connections` server connections
// transaction by transaction, and (this is PgBouncer 1.18) named prepared
// statements are NOT kept apart per client. The server side uses TLS with
// sslmode=verify-full; the client side is plain TCP on a free loopback port.
// PgBouncer passes libpq's `options` on to no one, so `search_path` (a test
// schema) is set on each server connection by its connect_query. Runs in
// the foreground from a temporary directory, as the `postgres` system user
// when the test runs as root (PgBouncer refuses root); stopped by the
// destructor.
class PgBouncer {
 public:
  // `postgres_url`: postgresql://USER:PASSWORD@HOST:PORT/DB?sslrootcert=CA…
  PgBouncer(const std::string& postgres_url, const std::string& search_path,
            int server_connections = 2);
  ~PgBouncer();
  PgBouncer(const PgBouncer&) = delete;
  PgBouncer& operator=(const PgBouncer&) = delete;

  // postgresql://USER:PASSWORD@127.0.0.1:PORT/DB?sslmode=disable
  const std::string& url() const { return url_; }
  std::string log() const;

 private:
  std::filesystem::path dir_;
  std::string url_;
  pid_t pid_ = -1;
};

// The pgbouncer binary, or "" when it is not installed.
std::string pgbouncer_binary();

}  // namespace prism::testing
