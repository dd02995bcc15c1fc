#include "auth/request_limiter.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/ip/address.hpp>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace prism::auth {

std::string client_key(std::string_view ip) {
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(ip, ec);
  if (ec || !address.is_v6()) return std::string(ip);
  auto v6 = address.to_v6();
  if (v6.is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
  }
  auto bytes = v6.to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

RequestLimiter::RequestLimiter(cache::Cache& cache, std::string kind, RequestLimit limit,
                               NowMs now_ms)
    : cache_(cache),
      kind_(std::move(kind)),
      limit_(limit),
      now_ms_(now_ms ? std::move(now_ms) : [] { return now_unix_ms(); }) {}

void RequestLimiter::admit(std::string_view ip) {
  std::int64_t now = now_ms_();
  std::int64_t window_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(limit_.window).count();
  std::int64_t index = now / window_ms;
  int reset = static_cast<int>(((index + 1) * window_ms - now + 999) / 1000);
  // The key names the window, so a count never outlives it whatever the
  // backend does with the TTL, and the wait is exact.
  std::string suffix = ":" + std::to_string(index);
  auto ttl = limit_.window + std::chrono::seconds(1);
  auto refuse = [&](int limit, std::string why) {
    return rate_limited(std::move(why), reset,
                        RateLimitInfo{limit, static_cast<int>(limit_.window.count()), 0, reset});
  };
  try {
    if (limit_.per_ip > 0 && !ip.empty()) {
      std::string key = "ratelimit:" + kind_ + ":ip:" + client_key(ip) + suffix;
      if (cache_.incr(key, ttl) > limit_.per_ip) {
        throw refuse(limit_.per_ip, "too many " + kind_ + " from your network; try again later");
      }
    }
    if (limit_.total > 0 &&
        cache_.incr("ratelimit:" + kind_ + ":all" + suffix, ttl) > limit_.total) {
      throw refuse(limit_.total, "too many " + kind_ + " right now; try again later");
    }
  } catch (const cache::CacheError& e) {
    spdlog::warn("rate limit of {} unavailable, allowing the request: {}", kind_, e.what());
  }
}

}  // namespace prism::auth
