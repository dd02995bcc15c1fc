#include "cache/redis/redis_settings.hpp"

#include <boost/url/parse.hpp>
#include <charconv>
#include <stdexcept>

namespace prism::cache {

std::string redact_url(const std::string& url) {
  auto scheme = url.find("://");
  auto at = url.rfind('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  return url.substr(0, scheme + 3) + "***@" + url.substr(at + 1);
}

RedisSettings parse_redis_url(const std::string& url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed)
    throw std::invalid_argument(
        "is not a URL (expected redis[s]://[user:password@]host:port[/db])");
  const auto& u = *parsed;
  RedisSettings s;
  s.redacted_url = redact_url(url);
  if (u.scheme() == "rediss") {
    s.tls = true;
  } else if (u.scheme() != "redis") {
    throw std::invalid_argument("must start with redis:// or rediss://");
  }
  s.host = std::string(u.host_address());
  if (s.host.empty()) throw std::invalid_argument("has no host");
  if (u.has_port()) {
    if (u.port_number() == 0) throw std::invalid_argument("has an invalid port");
    s.port = std::string(u.port());
  }
  if (u.has_userinfo()) {
    s.user = std::string(u.user());
    s.password = std::string(u.password());
    // redis://:password@host is the password-only form (the default user).
    if (!u.has_password()) {
      s.password = s.user;
      s.user.clear();
    }
  }
  std::string path = std::string(u.path());
  if (!path.empty() && path != "/") {
    std::string db = path.substr(1);
    auto [end, ec] = std::from_chars(db.data(), db.data() + db.size(), s.db);
    if (ec != std::errc() || end != db.data() + db.size() || s.db < 0 || s.db > 15) {
      throw std::invalid_argument("has a database number that is not 0 to 15 (the path /db)");
    }
  }
  if (u.has_query() || u.has_fragment()) throw std::invalid_argument("takes no query or fragment");
  return s;
}

}  // namespace prism::cache
