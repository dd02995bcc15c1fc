#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace prism::auth {

// A shorter HMAC key would make HS256 brute-forceable; configuration must
// refuse such a secret at startup.
inline constexpr std::size_t kMinJwtSecretBytes = 32;
// Longer tokens are refused before any parsing.
inline constexpr std::size_t kMaxJwtLength = 4096;
// Tolerance for `nbf` and `iat` lying slightly in the future, for several
// server instances whose clocks differ a little. `exp` gets no leeway: access
// tokens are short-lived and clients refresh on 401.
inline constexpr std::int64_t kJwtClockSkewSeconds = 5;

struct JwtSettings {
  std::string secret;  // signs new tokens and verifies them
  std::string issuer;
  std::string audience;
  std::int64_t access_ttl_seconds = 900;
  // The key `secret` replaced (JWT_SECRET_KEY_PREVIOUS), or empty: tokens it
  // signed still verify, so rotating the key signs nobody out. It never signs.
  std::string previous_secret{};
};

struct AccessClaims {
  std::string sub, sid;
  std::int64_t iat = 0, exp = 0, nbf = 0;
};

// The time-dependent part of verification: not expired, and `nbf`/`iat` not
// further in the future than the allowed clock skew.
bool within_validity(const AccessClaims& claims, std::int64_t now_unix);

// An HS256 access token with sub, sid, iat, nbf, exp, iss, aud, typ:"access"
// and a random jti, signed with `secret`. Throws std::invalid_argument for a
// too-short secret or previous secret.
std::string issue_access_token(const JwtSettings& settings, const std::string& user_id,
                               const std::string& session_id, std::int64_t now_unix);

// Verifies everything about the token and returns its claims, or nullopt for
// any defect at all. The header must say exactly alg "HS256"; the signature
// (by `secret`, or else by `previous_secret` when set) is checked in constant
// time before the payload is even decoded.
std::optional<AccessClaims> verify_access_token(const JwtSettings& settings, std::string_view token,
                                                std::int64_t now_unix);

}  // namespace prism::auth
