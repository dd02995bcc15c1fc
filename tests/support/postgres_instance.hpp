#pragma once

#include <filesystem>
#include <string>

namespace prism::testing {

// A PostgreSQL 15 of its own for a test that stops or restarts it: started by
// tests/services/postgres.sh (the same steps script/test takes: TLS with a
// CA made for it, a non-superuser owner role `prism`), removed again by the
// destructor. The server runs as the `postgres` system user.
class PostgresInstance {
 public:
  PostgresInstance();
  ~PostgresInstance();
  PostgresInstance(const PostgresInstance&) = delete;
  PostgresInstance& operator=(const PostgresInstance&) = delete;

  // postgresql://prism:<password>@localhost:<port>/prism?sslmode=verify-full&sslrootcert=<ca>
  const std::string& url() const { return url_; }
  const std::string& password() const { return password_; }
  const std::filesystem::path& dir() const { return dir_; }

  void stop();               // pg_ctl stop -m fast: clients are disconnected
  void start();              // pg_ctl start, waiting until it accepts connections
  void restart_immediate();  // pg_ctl restart -m immediate: a crash and recovery
  // SIGSTOP / SIGCONT to the server and all its processes: a server that
  // accepts nothing and answers nothing, as a hung or partitioned host.
  void freeze();
  void thaw();

 private:
  void pg_ctl(const std::string& args);
  void signal_all(int sig);

  std::string url_;
  std::string password_;
  std::filesystem::path dir_;
};

}  // namespace prism::testing
