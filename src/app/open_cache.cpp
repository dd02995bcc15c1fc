#include "app/open_cache.hpp"

#include "cache/redis/redis_cache.hpp"
#include "cache/upstash/upstash_cache.hpp"
#include "config/config_error.hpp"

namespace prism::app {

std::unique_ptr<cache::ResilientCache> open_cache(const config::CacheConfig& config) {
  std::chrono::milliseconds timeout(config.timeout_ms);
  std::unique_ptr<cache::CommandCache> remote;
  if (!config.redis_url.empty()) {
    cache::RedisSettings settings = cache::parse_redis_url(config.redis_url);
    settings.ca_file = config.redis_ca_cert;
    settings.timeout = timeout;
    try {
      remote = std::make_unique<cache::RedisCache>(std::move(settings));
    } catch (const boost::system::system_error& e) {
      // Only loading the CA file can fail here; connecting happens later.
      throw config::ConfigError(
          "REDIS_CA_CERT", "cannot be loaded as PEM certificates (" + e.code().message() + ")");
    }
  } else if (!config.upstash_url.empty()) {
    remote = std::make_unique<cache::UpstashCache>(
        cache::UpstashSettings{config.upstash_url, config.upstash_token, timeout});
  }
  return std::make_unique<cache::ResilientCache>(std::move(remote), config.backend(),
                                                 config.daily_command_budget);
}

}  // namespace prism::app
