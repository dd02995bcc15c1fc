#include "auth/jwt.hpp"

#include <stdexcept>

#include "core/crypto.hpp"
#include "core/json.hpp"

namespace prism::auth {
namespace {

constexpr std::string_view kHeader = R"({"alg":"HS256","typ":"JWT"})";

void require_secret(const JwtSettings& settings) {
  if (settings.secret.size() < kMinJwtSecretBytes) {
    throw std::invalid_argument("the JWT secret must be at least 32 bytes");
  }
  if (!settings.previous_secret.empty() && settings.previous_secret.size() < kMinJwtSecretBytes) {
    throw std::invalid_argument("the previous JWT secret must be at least 32 bytes");
  }
}

bool signed_with(const std::string& secret, std::string_view signing_input,
                 const std::string& signature) {
  return crypto::constant_time_equal(signature, crypto::hmac_sha256(secret, signing_input));
}

// Decodes one segment into a JSON object; nullopt unless it is strict
// base64url of valid UTF-8 holding exactly one JSON object that names no
// key twice.
std::optional<json::object> decode_object(std::string_view segment) {
  auto raw = crypto::base64url_decode(segment);
  if (!raw || !utf8_length(*raw)) return std::nullopt;
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 8;
  json::value v = json::parse(*raw, ec, {}, opts);
  if (ec || !v.is_object() || has_duplicate_key(*raw, opts)) return std::nullopt;
  return std::move(v.as_object());
}

const json::string* string_claim(const json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  if (!v || !v->is_string()) return nullptr;
  return &v->as_string();
}

std::optional<std::int64_t> int_claim(const json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  if (!v || !v->is_int64()) return std::nullopt;
  return v->as_int64();
}

bool header_ok(const json::object& header) {
  auto* alg = string_claim(header, "alg");
  if (!alg || *alg != "HS256") return false;
  if (auto* typ = header.if_contains("typ")) {
    if (!typ->is_string() || typ->as_string() != "JWT") return false;
  }
  // A "crit" header names extensions the verifier must understand; we
  // understand none, so RFC 7515 requires rejecting the token.
  return !header.contains("crit");
}

bool audience_ok(const json::object& payload, const std::string& audience) {
  auto* aud = payload.if_contains("aud");
  if (!aud) return false;
  if (aud->is_string()) return aud->as_string() == audience;
  if (!aud->is_array()) return false;
  for (const auto& item : aud->as_array()) {
    if (item.is_string() && item.as_string() == audience) return true;
  }
  return false;
}

}  // namespace

std::string issue_access_token(const JwtSettings& settings, const std::string& user_id,
                               const std::string& session_id, std::int64_t now_unix) {
  require_secret(settings);
  json::object payload{{"sub", user_id},
                       {"sid", session_id},
                       {"iat", now_unix},
                       {"nbf", now_unix},
                       {"exp", now_unix + settings.access_ttl_seconds},
                       {"iss", settings.issuer},
                       {"aud", settings.audience},
                       {"typ", "access"},
                       {"jti", crypto::random_token(16)}};
  std::string signing_input =
      crypto::base64url_encode(kHeader) + "." + crypto::base64url_encode(json::serialize(payload));
  return signing_input + "." +
         crypto::base64url_encode(crypto::hmac_sha256(settings.secret, signing_input));
}

std::optional<AccessClaims> verify_access_token(const JwtSettings& settings, std::string_view token,
                                                std::int64_t now_unix) {
  require_secret(settings);
  if (token.empty() || token.size() > kMaxJwtLength) return std::nullopt;
  auto first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  auto second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view header_b64 = token.substr(0, first);
  std::string_view payload_b64 = token.substr(first + 1, second - first - 1);
  std::string_view signature_b64 = token.substr(second + 1);

  auto header = decode_object(header_b64);
  if (!header || !header_ok(*header)) return std::nullopt;

  // Authenticate before looking at anything the payload claims.
  auto signature = crypto::base64url_decode(signature_b64);
  if (!signature) return std::nullopt;
  std::string_view signing_input = token.substr(0, second);
  if (!signed_with(settings.secret, signing_input, *signature) &&
      (settings.previous_secret.empty() ||
       !signed_with(settings.previous_secret, signing_input, *signature))) {
    return std::nullopt;
  }

  auto payload = decode_object(payload_b64);
  if (!payload) return std::nullopt;
  auto* sub = string_claim(*payload, "sub");
  auto* sid = string_claim(*payload, "sid");
  auto* iss = string_claim(*payload, "iss");
  auto* typ = string_claim(*payload, "typ");
  auto iat = int_claim(*payload, "iat");
  auto exp = int_claim(*payload, "exp");
  auto nbf = int_claim(*payload, "nbf");
  if (!sub || sub->empty() || !sid || sid->empty() || !iss || !typ || !iat || !exp || !nbf) {
    return std::nullopt;
  }
  if (*iss != settings.issuer || *typ != "access" || !audience_ok(*payload, settings.audience)) {
    return std::nullopt;
  }
  AccessClaims claims{std::string(*sub), std::string(*sid), *iat, *exp, *nbf};
  if (*exp <= *iat || !within_validity(claims, now_unix)) return std::nullopt;
  return claims;
}

bool within_validity(const AccessClaims& claims, std::int64_t now_unix) {
  return claims.exp > now_unix && claims.nbf <= now_unix + kJwtClockSkewSeconds &&
         claims.iat <= now_unix + kJwtClockSkewSeconds;
}

}  // namespace prism::auth
