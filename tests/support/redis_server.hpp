#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace prism::testing {

// A redis-server of the test's own (Debian's package) in a temporary
// directory on a free loopback port, with a password, and TLS when asked
// (certificates from PRISM_TEST_REDIS_TLS_DIR, made by
// tests/services/redis.sh). Fault tests stop and resume it with signals.
class RedisServer {
 public:
  static constexpr const char* kPassword = "own-redis-password";

  explicit RedisServer(bool tls = false);
  ~RedisServer();
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  // redis://:password@127.0.0.1:port, or rediss://:password@localhost:port.
  std::string url(const std::string& password = kPassword) const;
  int port() const { return port_; }
  void pause();   // SIGSTOP: the port still accepts, nothing answers
  void resume();  // SIGCONT

  // Whether the TLS certificates of redis.sh are there (else TLS tests skip).
  static bool tls_available();
  // A CA certificate that signed nothing the server shows (a wrong CA).
  static std::filesystem::path make_unrelated_ca(const std::filesystem::path& dir);

 private:
  std::filesystem::path dir_;
  bool tls_;
  int port_ = 0;
  pid_t pid_ = -1;
};

// A free TCP port on 127.0.0.1 (free when asked; a race is unlikely).
int free_loopback_port();

}  // namespace prism::testing
