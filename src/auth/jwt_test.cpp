#include "auth/jwt.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "core/json.hpp"

namespace prism::auth {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;

class JwtTest : public ::testing::Test {
 protected:
  void SetUp() override { crypto::init(); }

  // Builds a token from raw header and payload text, signed with `secret`.
  static std::string forge(std::string_view header, std::string_view payload,
                           const std::string& secret) {
    std::string input = crypto::base64url_encode(header) + "." + crypto::base64url_encode(payload);
    return input + "." + crypto::base64url_encode(crypto::hmac_sha256(secret, input));
  }
  json::object claims() const {
    return {{"sub", "user-1"},   {"sid", "session-1"}, {"iat", kNow},        {"nbf", kNow},
            {"exp", kNow + 900}, {"iss", "prism"},     {"aud", "prism-api"}, {"typ", "access"}};
  }
  std::string signed_claims(const json::object& c) const {
    return forge(R"({"alg":"HS256","typ":"JWT"})", json::serialize(c), settings_.secret);
  }
  bool accepted(std::string_view token, std::int64_t now = kNow) const {
    return verify_access_token(settings_, token, now).has_value();
  }

  JwtSettings settings_{std::string(32, 'k'), "prism", "prism-api", 900};
};

TEST_F(JwtTest, IssuedTokenVerifiesWithItsClaims) {
  std::string token = issue_access_token(settings_, "user-1", "session-1", kNow);
  auto c = verify_access_token(settings_, token, kNow + 10);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->sub, "user-1");
  EXPECT_EQ(c->sid, "session-1");
  EXPECT_EQ(c->iat, kNow);
  EXPECT_EQ(c->exp, kNow + 900);
  // The hand-built equivalent verifies too, so the forging helper is sound.
  EXPECT_TRUE(accepted(signed_claims(claims())));
}

TEST_F(JwtTest, IssuedPayloadCarriesEveryContractClaim) {
  std::string token = issue_access_token(settings_, "u", "s", kNow);
  auto p = token.find('.');
  auto payload =
      json::parse(*crypto::base64url_decode(token.substr(p + 1, token.rfind('.') - p - 1)))
          .as_object();
  for (const char* k : {"sub", "sid", "iat", "nbf", "exp", "iss", "aud", "typ", "jti"}) {
    EXPECT_TRUE(payload.contains(k)) << k;
  }
  EXPECT_EQ(payload["typ"].as_string(), "access");
  EXPECT_NE(issue_access_token(settings_, "u", "s", kNow), token) << "jti must differ";
}

TEST_F(JwtTest, RefusesShortSecrets) {
  JwtSettings weak = settings_;
  weak.secret = "short";
  EXPECT_THROW(issue_access_token(weak, "u", "s", kNow), std::invalid_argument);
  EXPECT_THROW(verify_access_token(weak, "a.b.c", kNow), std::invalid_argument);
}

TEST_F(JwtTest, RejectsAlgNoneInEveryCasing) {
  std::string payload = json::serialize(claims());
  for (const char* alg : {"none", "None", "NONE", "nOnE"}) {
    std::string header = std::string(R"({"alg":")") + alg + R"(","typ":"JWT"})";
    std::string unsigned_token =
        crypto::base64url_encode(header) + "." + crypto::base64url_encode(payload) + ".";
    EXPECT_FALSE(accepted(unsigned_token)) << alg;
    EXPECT_FALSE(accepted(forge(header, payload, settings_.secret))) << alg;
  }
}

TEST_F(JwtTest, RejectsEveryOtherAlgorithmAndBadHeaders) {
  std::string payload = json::serialize(claims());
  for (const char* header :
       {R"({"alg":"HS512","typ":"JWT"})", R"({"alg":"hs256","typ":"JWT"})",
        R"({"alg":"RS256","typ":"JWT"})", R"({"alg":"HS256 ","typ":"JWT"})", R"({"typ":"JWT"})",
        R"({"alg":["HS256"]})", R"({"alg":"HS256","typ":"JWE"})", R"({"alg":"HS256","typ":1})",
        R"({"alg":"HS256","crit":["exp"]})", R"(["HS256"])", R"("HS256")", R"({"alg":"HS256")"}) {
    EXPECT_FALSE(accepted(forge(header, payload, settings_.secret))) << header;
  }
  EXPECT_TRUE(accepted(forge(R"({"alg":"HS256"})", payload, settings_.secret)));
}

TEST_F(JwtTest, RejectsAnotherKey) {
  JwtSettings other = settings_;
  other.secret = std::string(32, 'x');
  EXPECT_FALSE(accepted(issue_access_token(other, "user-1", "session-1", kNow)));
}

// Rotation: JWT_SECRET_KEY takes a new key and JWT_SECRET_KEY_PREVIOUS the
// old one, so tokens issued before the restart keep working until they expire.
TEST_F(JwtTest, AfterARotationTokensOfThePreviousKeyStillVerify) {
  std::string before = issue_access_token(settings_, "user-1", "session-1", kNow);
  JwtSettings rotated = settings_;
  rotated.secret = std::string(32, 'n');
  rotated.previous_secret = settings_.secret;
  auto c = verify_access_token(rotated, before, kNow + 10);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->sid, "session-1");
  EXPECT_FALSE(verify_access_token(rotated, before, kNow + 900)) << "still expires";

  // New tokens are signed with the new key only: the old key alone refuses them.
  std::string after = issue_access_token(rotated, "user-1", "session-1", kNow);
  EXPECT_TRUE(verify_access_token(rotated, after, kNow));
  EXPECT_FALSE(accepted(after));
  rotated.previous_secret.clear();
  EXPECT_TRUE(verify_access_token(rotated, after, kNow));
  EXPECT_FALSE(verify_access_token(rotated, before, kNow)) << "the old key is no longer accepted";
}

TEST_F(JwtTest, APreviousKeyAcceptsNothingOfAnUnrelatedKey) {
  JwtSettings stranger = settings_;
  stranger.secret = std::string(32, 'x');
  std::string foreign = issue_access_token(stranger, "user-1", "session-1", kNow);
  JwtSettings rotated = settings_;
  rotated.secret = std::string(32, 'n');
  rotated.previous_secret = settings_.secret;
  EXPECT_FALSE(verify_access_token(rotated, foreign, kNow));
  // Nor a token of the previous key whose payload was changed.
  std::string token = issue_access_token(settings_, "user-1", "session-1", kNow);
  auto p = token.find('.');
  auto q = token.rfind('.');
  auto c = claims();
  c["sub"] = "user-2";
  std::string tampered =
      token.substr(0, p + 1) + crypto::base64url_encode(json::serialize(c)) + token.substr(q);
  EXPECT_FALSE(verify_access_token(rotated, tampered, kNow));
}

TEST_F(JwtTest, RefusesATooShortPreviousKey) {
  JwtSettings weak = settings_;
  weak.previous_secret = "short";
  std::string token = issue_access_token(settings_, "user-1", "session-1", kNow);
  EXPECT_THROW(verify_access_token(weak, token, kNow), std::invalid_argument);
  EXPECT_THROW(issue_access_token(weak, "user-1", "session-1", kNow), std::invalid_argument);
}

TEST_F(JwtTest, RejectsATamperedPayloadOrSignature) {
  std::string token = signed_claims(claims());
  auto c = claims();
  c["sub"] = "admin";
  std::string evil = signed_claims(c);
  std::string spliced = token.substr(0, token.find('.')) +
                        evil.substr(evil.find('.'), evil.rfind('.') - evil.find('.')) +
                        token.substr(token.rfind('.'));
  EXPECT_FALSE(accepted(spliced));
  std::string flipped = token;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(accepted(flipped));
  EXPECT_FALSE(accepted(token.substr(0, token.rfind('.') + 1)));  // empty signature
}

TEST_F(JwtTest, RejectsExpiredAndNotYetValidTokens) {
  std::string token = signed_claims(claims());
  EXPECT_TRUE(accepted(token, kNow + 899));
  EXPECT_FALSE(accepted(token, kNow + 900));  // exp is exclusive, no leeway
  auto c = claims();
  c["nbf"] = kNow + 60;
  EXPECT_FALSE(accepted(signed_claims(c)));
  c["nbf"] = kNow + kJwtClockSkewSeconds;  // within the documented skew
  EXPECT_TRUE(accepted(signed_claims(c)));
  c = claims();
  c["iat"] = kNow + 60;
  EXPECT_FALSE(accepted(signed_claims(c)));
}

TEST_F(JwtTest, RejectsWrongAudienceIssuerOrType) {
  auto c = claims();
  c["aud"] = "someone-else";
  EXPECT_FALSE(accepted(signed_claims(c)));
  c["aud"] = json::array{"someone-else", "prism-api"};
  EXPECT_TRUE(accepted(signed_claims(c)));
  c["aud"] = json::array{"someone-else"};
  EXPECT_FALSE(accepted(signed_claims(c)));
  c = claims();
  c["iss"] = "evil";
  EXPECT_FALSE(accepted(signed_claims(c)));
  c = claims();
  c["typ"] = "refresh";
  EXPECT_FALSE(accepted(signed_claims(c)));
}

TEST_F(JwtTest, RejectsMissingOrMistypedClaims) {
  for (const char* k : {"sub", "sid", "iat", "nbf", "exp", "iss", "aud", "typ"}) {
    auto c = claims();
    c.erase(k);
    EXPECT_FALSE(accepted(signed_claims(c))) << "missing " << k;
  }
  auto c = claims();
  c["exp"] = std::to_string(kNow + 900);
  EXPECT_FALSE(accepted(signed_claims(c)));
  c = claims();
  c["exp"] = static_cast<double>(kNow + 900);
  EXPECT_FALSE(accepted(signed_claims(c)));
  c = claims();
  c["sub"] = 42;
  EXPECT_FALSE(accepted(signed_claims(c)));
  c = claims();
  c["sub"] = "";
  EXPECT_FALSE(accepted(signed_claims(c)));
  EXPECT_FALSE(accepted(forge(R"({"alg":"HS256"})", "[1,2]", settings_.secret)));
}

// A key named twice could be read as either value by different parsers, so
// a token naming one twice is refused even when it is correctly signed.
TEST_F(JwtTest, RejectsADuplicatedKeyInHeaderOrPayload) {
  std::string payload = json::serialize(claims());
  ASSERT_TRUE(accepted(forge(R"({"alg":"HS256","typ":"JWT"})", payload, settings_.secret)));
  std::string twice = payload.substr(0, payload.size() - 1) + R"(,"sub":"user-2"})";
  EXPECT_FALSE(accepted(forge(R"({"alg":"HS256","typ":"JWT"})", twice, settings_.secret)));
  EXPECT_FALSE(
      accepted(forge(R"({"alg":"HS256","alg":"HS256","typ":"JWT"})", payload, settings_.secret)));
}

TEST_F(JwtTest, RejectsWrongSegmentCounts) {
  std::string token = signed_claims(claims());
  std::string two = token.substr(0, token.rfind('.'));
  EXPECT_FALSE(accepted(two));
  EXPECT_FALSE(accepted(token + "." + token.substr(token.rfind('.') + 1)));
  EXPECT_FALSE(accepted(token + "."));
  EXPECT_FALSE(accepted(""));
  EXPECT_FALSE(accepted("..."));
}

TEST_F(JwtTest, RejectsNonStrictBase64url) {
  std::string token = signed_claims(claims());
  EXPECT_FALSE(accepted(token + "="));
  EXPECT_FALSE(accepted(token + "=="));
  std::string standard = token;
  for (char& ch : standard) {
    if (ch == '-') ch = '+';
    if (ch == '_') ch = '/';
  }
  // Standard base64 characters in place of the URL-safe ones.
  if (standard != token) {
    EXPECT_FALSE(accepted(standard));
  }
  std::string with_plus = "+" + token.substr(1);
  std::string with_slash = token.substr(0, token.size() - 1) + "/";
  EXPECT_FALSE(accepted(with_plus));
  EXPECT_FALSE(accepted(with_slash));
  EXPECT_FALSE(accepted(" " + token));
  EXPECT_FALSE(accepted(token.substr(0, 5) + "\n" + token.substr(5)));
}

TEST_F(JwtTest, RejectsNonUtf8EvenWhenCorrectlySigned) {
  std::string payload = json::serialize(claims());
  std::string bad_payload = payload;
  bad_payload.replace(bad_payload.find("user-1"), 6, "us\xff\xfe-1");
  EXPECT_FALSE(accepted(forge(R"({"alg":"HS256"})", bad_payload, settings_.secret)));
  std::string overlong = payload;
  overlong.replace(overlong.find("user-1"), 6, "us\xc0\xafr1");
  EXPECT_FALSE(accepted(forge(R"({"alg":"HS256"})", overlong, settings_.secret)));
  EXPECT_FALSE(accepted(forge("{\"alg\":\"HS256\",\"x\":\"\xff\"}", payload, settings_.secret)));
}

TEST_F(JwtTest, RejectsOversizedTokensBeforeParsing) {
  auto c = claims();
  c["pad"] = std::string(kMaxJwtLength, 'p');
  std::string big = signed_claims(c);
  ASSERT_GT(big.size(), kMaxJwtLength);
  EXPECT_FALSE(accepted(big));
  c["pad"] = std::string(100, 'p');
  EXPECT_TRUE(accepted(signed_claims(c)));  // unknown extra claims are fine
}

}  // namespace
}  // namespace prism::auth
