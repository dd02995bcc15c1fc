#include "config/cache_config.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "cache/redis/redis_settings.hpp"
#include "cache/upstash/upstash_cache.hpp"
#include "config/env_values.hpp"

namespace prism::config {

CacheConfig load_cache_config(const Env& env) {
  CacheConfig c;
  c.redis_url = env_string(env, "REDIS_URL");
  c.redis_ca_cert = env_string(env, "REDIS_CA_CERT");
  c.timeout_ms = env_int(env, "REDIS_TIMEOUT_MS", c.timeout_ms, 1, 60'000);
  c.upstash_url = env_string(env, "UPSTASH_REDIS_REST_URL");
  c.upstash_token = env_string(env, "UPSTASH_REDIS_REST_TOKEN");
  if (!env_string(env, "REDIS_DAILY_COMMAND_BUDGET").empty()) {
    c.daily_command_budget =
        static_cast<std::uint64_t>(env_int(env, "REDIS_DAILY_COMMAND_BUDGET", 0, 1, 2'000'000'000));
  }

  if (!c.redis_url.empty() && !c.upstash_url.empty()) {
    throw ConfigError("UPSTASH_REDIS_REST_URL", "set either it or REDIS_URL, not both");
  }
  if (!c.redis_url.empty()) {
    cache::RedisSettings redis;
    try {
      redis = cache::parse_redis_url(c.redis_url);
    } catch (const std::invalid_argument& e) {
      throw ConfigError("REDIS_URL", e.what());
    }
    if (!c.redis_ca_cert.empty() && !redis.tls) {
      throw ConfigError("REDIS_CA_CERT", "is only used with a rediss:// REDIS_URL");
    }
  } else if (!c.redis_ca_cert.empty()) {
    throw ConfigError("REDIS_CA_CERT", "is only used with a rediss:// REDIS_URL");
  }
  if (!c.redis_ca_cert.empty() && !std::ifstream(c.redis_ca_cert)) {
    throw ConfigError("REDIS_CA_CERT", "cannot read \"" + c.redis_ca_cert + "\"");
  }
  if (!c.upstash_url.empty()) {
    try {
      cache::check_upstash_url(c.upstash_url);
    } catch (const std::invalid_argument& e) {
      throw ConfigError("UPSTASH_REDIS_REST_URL", e.what());
    }
    if (c.upstash_token.empty()) {
      throw ConfigError("UPSTASH_REDIS_REST_TOKEN", "is required with UPSTASH_REDIS_REST_URL");
    }
  } else if (!c.upstash_token.empty()) {
    throw ConfigError("UPSTASH_REDIS_REST_URL", "is required with UPSTASH_REDIS_REST_TOKEN");
  }
  return c;
}

std::string describe(const CacheConfig& c) {
  std::ostringstream out;
  out << "REDIS_URL=" << (c.redis_url.empty() ? "(unset)" : cache::redact_url(c.redis_url)) << "\n"
      << "REDIS_CA_CERT=" << (c.redis_ca_cert.empty() ? "(unset: system roots)" : c.redis_ca_cert)
      << "\n"
      << "REDIS_TIMEOUT_MS=" << c.timeout_ms << "\n"
      << "UPSTASH_REDIS_REST_URL="
      << (c.upstash_url.empty() ? "(unset)" : cache::redact_url(c.upstash_url)) << "\n"
      << "UPSTASH_REDIS_REST_TOKEN="
      << (c.upstash_token.empty()
              ? std::string("(unset)")
              : "(redacted, " + std::to_string(c.upstash_token.size()) + " bytes)")
      << "\n"
      << "REDIS_DAILY_COMMAND_BUDGET="
      << (c.daily_command_budget ? std::to_string(*c.daily_command_budget) : "(unset: unlimited)")
      << "\n";
  return out.str();
}

}  // namespace prism::config
