#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "auth/jwt.hpp"

namespace prism::auth {

// Access tokens whose signature and claims were verified, so that a client
// sending the same token on every request pays for base64, HMAC and JSON
// parsing once, not on every request. Only verified tokens enter; what
// depends on the clock (exp, nbf, iat) is checked again on every lookup.
// Bounded: when full, it starts again empty. Thread-safe.
class VerifiedTokens {
 public:
  explicit VerifiedTokens(std::size_t capacity = 4096) : capacity_(capacity) {}

  // verify_access_token, answered from the cache when the token is known.
  std::optional<AccessClaims> verify(const JwtSettings& settings, std::string_view token,
                                     std::int64_t now_unix);
  std::size_t size() const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  std::size_t capacity_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, AccessClaims, Hash, std::equal_to<>> claims_;  // by the whole token
};

}  // namespace prism::auth
