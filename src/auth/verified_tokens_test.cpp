#include "auth/verified_tokens.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"

namespace prism::auth {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;

class VerifiedTokensTest : public ::testing::Test {
 protected:
  void SetUp() override { crypto::init(); }
  std::string token(const std::string& user, const JwtSettings& s) const {
    return issue_access_token(s, user, "session-" + user, kNow);
  }
  JwtSettings settings_{std::string(32, 'k'), "prism", "prism-api", 900};
  JwtSettings other_key_{std::string(32, 'x'), "prism", "prism-api", 900};
};

TEST_F(VerifiedTokensTest, AnswersLikeVerificationAndRemembersOnlyValidTokens) {
  VerifiedTokens cache;
  std::string good = token("u1", settings_);
  for (int i = 0; i < 2; ++i) {
    auto claims = cache.verify(settings_, good, kNow);
    ASSERT_TRUE(claims);
    EXPECT_EQ(claims->sub, "u1");
    EXPECT_EQ(claims->sid, "session-u1");
    EXPECT_EQ(claims->exp, kNow + 900);
  }
  EXPECT_EQ(cache.size(), 1u);

  std::string forged = token("u1", other_key_);
  std::string tampered = good;
  tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
  for (int i = 0; i < 2; ++i) {
    EXPECT_FALSE(cache.verify(settings_, forged, kNow));
    EXPECT_FALSE(cache.verify(settings_, tampered, kNow));
    EXPECT_FALSE(cache.verify(settings_, "", kNow));
  }
  EXPECT_EQ(cache.size(), 1u);
}

TEST_F(VerifiedTokensTest, ARememberedTokenStillExpires) {
  VerifiedTokens cache;
  std::string t = token("u1", settings_);
  ASSERT_TRUE(cache.verify(settings_, t, kNow));
  EXPECT_TRUE(cache.verify(settings_, t, kNow + 899));
  EXPECT_FALSE(cache.verify(settings_, t, kNow + 900));
  // Issued in the future (beyond the clock skew) for a clock that was behind.
  EXPECT_FALSE(cache.verify(settings_, t, kNow - kJwtClockSkewSeconds - 1));
}

TEST_F(VerifiedTokensTest, StaysWithinItsCapacity) {
  VerifiedTokens cache(3);
  for (int i = 0; i < 10; ++i) {
    std::string t = token("u" + std::to_string(i), settings_);
    ASSERT_TRUE(cache.verify(settings_, t, kNow));
    EXPECT_LE(cache.size(), 3u);
  }
}

}  // namespace
}  // namespace prism::auth
