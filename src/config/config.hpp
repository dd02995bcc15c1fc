#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "config/abuse_limits.hpp"
#include "config/ai_config.hpp"
#include "config/cache_config.hpp"
#include "config/config_error.hpp"
#include "config/previous_keys.hpp"
#include "config/retention_config.hpp"
#include "config/storage_config.hpp"

namespace prism::config {

struct Config {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string database_url = "sqlite:./data/prism.db";
  std::string data_dir = "./data";
  // PostgreSQL only: connections at most, the wait for a free one, and the
  // server-side statement timeout.
  int database_pool_size = 32;
  int database_pool_timeout_ms = 2000;
  int database_statement_timeout_ms = 5000;
  // Where the LISTEN connection for cross-instance notifications goes when
  // DATABASE_URL is a transaction-mode pooler; empty: DATABASE_URL.
  std::string database_listen_url;
  std::string jwt_secret;
  bool jwt_secret_generated = false;
  std::string secret_key;
  bool secret_key_generated = false;
  PreviousKeys previous_keys;  // JWT_SECRET_KEY_PREVIOUS, SECRET_KEY_PREVIOUS
  std::vector<std::string> cors_allowed_origins;
  std::string public_url = "http://localhost:8080";
  std::string smtp_url;
  std::string smtp_from = "PRISM <no-reply@localhost>";
  // Whether a new account must confirm its e-mail before it can sign in.
  bool email_verification_required = false;
  std::string log_level = "info";
  std::string log_format = "json";
  std::size_t max_body_bytes = 1024 * 1024;
  int trusted_proxy_hops = 0;  // TRUSTED_PROXY_HOPS: reverse proxies in front (X-Forwarded-For)
  int io_threads = 0;          // 0: one per core
  int worker_threads = 0;      // 0: derived from cores
  int read_timeout_seconds = 30;
  int idle_timeout_seconds = 60;
  int sse_heartbeat_seconds = 15;
  int shutdown_grace_seconds = 10;
  std::string web_dir;  // built web app to serve at /, empty to serve none
  // Unauthenticated share link reads per client IP and minute; 0: unlimited.
  int shared_rate_limit_per_minute = 60;
  AiConfig ai;
  AbuseLimits abuse;
  CacheConfig cache;          // REDIS_*, UPSTASH_*
  RetentionConfig retention;  // RETENTION_*
  StorageConfig storage;      // DATABASE_QUOTA_BYTES

  bool public_url_is_https() const { return public_url.rfind("https://", 0) == 0; }
  bool embedded_database() const { return database_url.rfind("sqlite:", 0) == 0; }
  bool postgres_database() const { return is_postgres_url(database_url); }
  static bool is_postgres_url(const std::string& url) {
    return url.rfind("postgres://", 0) == 0 || url.rfind("postgresql://", 0) == 0;
  }
};

using Env = std::map<std::string, std::string>;

// Where `npm run build` leaves the web app; served when WEB_DIR is unset.
inline constexpr const char* kDefaultWebDir = "./web/dist";

// The process environment merged over a .env file (the environment wins).
Env load_env(const std::string& dotenv_path = ".env");
// Parses .env text: KEY=VALUE lines, # comments, optional quotes, `export `.
Env parse_dotenv(const std::string& text);

// Validates every variable; throws ConfigError naming the first bad one.
// Secrets missing on the embedded default are generated once into the data
// directory (with a warning logged by the caller).
Config load_config(const Env& env);

// The effective configuration with secrets redacted, one `NAME=value` per line.
std::string describe(const Config& config);

}  // namespace prism::config
