#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace prism::config {

using Env = std::map<std::string, std::string>;

// Which cache backs rate limits, throttling and the AI cache: in-process
// (the default), Redis over RESP (REDIS_URL) or Upstash's REST API.
struct CacheConfig {
  std::string redis_url;      // redis[s]://[user:password@]host:port[/db]
  std::string redis_ca_cert;  // PEM file of a private CA for rediss://
  int timeout_ms = 250;       // per command, for both remote backends
  std::string upstash_url;
  std::string upstash_token;
  // Commands per UTC day before falling back to the in-process cache.
  std::optional<std::uint64_t> daily_command_budget;

  std::string backend() const {
    return !redis_url.empty() ? "redis" : !upstash_url.empty() ? "upstash" : "memory";
  }
};

// Validates the cache variables; throws ConfigError naming the first bad one.
CacheConfig load_cache_config(const Env& env);

// NAME=value lines with the password and the token redacted.
std::string describe(const CacheConfig& config);

}  // namespace prism::config
