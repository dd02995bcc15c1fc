#include "config/previous_keys.hpp"

#include <gtest/gtest.h>

namespace prism::config {
namespace {

std::string error_variable(const Env& env) {
  try {
    load_previous_keys(env);
  } catch (const ConfigError& e) {
    return e.variable();
  }
  return "";
}

TEST(PreviousKeys, UnsetByDefault) {
  PreviousKeys keys = load_previous_keys({});
  EXPECT_TRUE(keys.jwt_secret.empty());
  EXPECT_TRUE(keys.secret_key.empty());
  EXPECT_EQ(describe(keys), "JWT_SECRET_KEY_PREVIOUS=(unset)\nSECRET_KEY_PREVIOUS=(unset)\n");
}

TEST(PreviousKeys, ReadsBothAndShowsNeither) {
  std::string jwt(40, 'j'), secret(48, 's');
  PreviousKeys keys =
      load_previous_keys({{"JWT_SECRET_KEY_PREVIOUS", jwt}, {"SECRET_KEY_PREVIOUS", secret}});
  EXPECT_EQ(keys.jwt_secret, jwt);
  EXPECT_EQ(keys.secret_key, secret);
  std::string shown = describe(keys);
  EXPECT_NE(shown.find("JWT_SECRET_KEY_PREVIOUS=(redacted, 40 bytes)"), std::string::npos) << shown;
  EXPECT_NE(shown.find("SECRET_KEY_PREVIOUS=(redacted, 48 bytes)"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("jjjj"), std::string::npos);
  EXPECT_EQ(shown.find("ssss"), std::string::npos);
}

TEST(PreviousKeys, AKeyShorterThan32BytesIsRefused) {
  EXPECT_EQ(error_variable({{"JWT_SECRET_KEY_PREVIOUS", std::string(31, 'j')}}),
            "JWT_SECRET_KEY_PREVIOUS");
  EXPECT_EQ(error_variable({{"SECRET_KEY_PREVIOUS", "short"}}), "SECRET_KEY_PREVIOUS");
  EXPECT_EQ(error_variable({{"SECRET_KEY_PREVIOUS", std::string(32, 's')}}), "");
}

}  // namespace
}  // namespace prism::config
