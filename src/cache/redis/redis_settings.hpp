#pragma once

#include <chrono>
#include <string>

namespace prism::cache {

// Where and how to reach a Redis over RESP, from
// REDIS_URL=redis[s]://[user:password@]host:port[/db].
struct RedisSettings {
  std::string host;
  std::string port = "6379";
  bool tls = false;  // rediss://
  std::string user;
  std::string password;
  int db = 0;
  std::string ca_file;  // REDIS_CA_CERT; empty: the system's roots
  std::chrono::milliseconds timeout{250};
  std::string redacted_url;  // for logs: the URL without its password
};

// Throws std::invalid_argument saying what is wrong (never the password).
RedisSettings parse_redis_url(const std::string& url);

// The URL with any user:password replaced by ***.
std::string redact_url(const std::string& url);

}  // namespace prism::cache
