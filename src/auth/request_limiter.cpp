#include "auth/request_limiter.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/ip/address.hpp>

#include "cache/keys.hpp"
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

RequestLimiter::RequestLimiter(cache::Cache& cache, std::string kind, RequestLimit limit)
    : cache_(cache), kind_(std::move(kind)), limit_(limit) {}

void enforce_rate(cache::Cache& cache, const std::string& key, int limit,
                  std::chrono::seconds window, std::string why) {
  auto seconds = [](std::chrono::milliseconds ms) {
    return static_cast<int>((ms.count() + 999) / 1000);
  };
  cache::RateDecision d = cache.rate_limit(key, limit, window);
  if (d.allowed) return;
  throw rate_limited(
      std::move(why), seconds(d.retry_after),
      RateLimitInfo{limit, static_cast<int>(window.count()), 0, seconds(d.reset_after)});
}

void RequestLimiter::admit(std::string_view ip) {
  auto check = [&](const std::string& key, int limit, std::string why) {
    enforce_rate(cache_, key, limit, limit_.window, std::move(why));
  };
  try {
    if (limit_.per_ip > 0 && !ip.empty()) {
      check(std::string(cache::keys::kRequestLimit) + kind_ + ":ip:" + client_key(ip),
            limit_.per_ip, "too many " + kind_ + " from your network; try again later");
    }
    if (limit_.total > 0) {
      check(std::string(cache::keys::kRequestLimit) + kind_ + ":all", limit_.total,
            "too many " + kind_ + " right now; try again later");
    }
  } catch (const cache::CacheError& e) {
    spdlog::warn("rate limit of {} unavailable, allowing the request: {}", kind_, e.what());
  }
}

}  // namespace prism::auth
