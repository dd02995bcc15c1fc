#include "auth/verified_tokens.hpp"

#include <mutex>

namespace prism::auth {

std::optional<AccessClaims> VerifiedTokens::verify(const JwtSettings& settings,
                                                   std::string_view token, std::int64_t now_unix) {
  {
    std::shared_lock lock(mutex_);
    auto it = claims_.find(token);
    if (it != claims_.end()) {
      if (!within_validity(it->second, now_unix)) return std::nullopt;
      return it->second;
    }
  }
  auto claims = verify_access_token(settings, token, now_unix);
  if (!claims) return std::nullopt;
  std::unique_lock lock(mutex_);
  if (claims_.size() >= capacity_) claims_.clear();
  claims_.emplace(std::string(token), *claims);
  return claims;
}

std::size_t VerifiedTokens::size() const {
  std::shared_lock lock(mutex_);
  return claims_.size();
}

}  // namespace prism::auth
