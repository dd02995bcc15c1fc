#include "auth/password.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <chrono>

#include "core/crypto.hpp"

namespace prism::auth {
namespace {

class PasswordTest : public ::testing::Test {
 protected:
  void SetUp() override { crypto::init(); }
  const std::vector<std::string> user_{"alice.smith@example.com", "Alice Smith"};
};

TEST_F(PasswordTest, HashIsArgon2idWithTheRequiredParametersAndVerifies) {
  std::string hash = hash_password("correct horse battery staple");
  EXPECT_EQ(hash.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << hash;
  EXPECT_TRUE(verify_password("correct horse battery staple", hash));
  EXPECT_FALSE(verify_password("correct horse battery staplE", hash));
  EXPECT_FALSE(verify_password("", hash));
  EXPECT_FALSE(password_needs_rehash(hash));
}

TEST_F(PasswordTest, SamePasswordHashesDifferentlyEachTime) {
  EXPECT_NE(hash_password("same password here"), hash_password("same password here"));
}

TEST_F(PasswordTest, MalformedHashesNeverVerify) {
  EXPECT_FALSE(verify_password("anything", ""));
  EXPECT_FALSE(verify_password("anything", "not a hash"));
  EXPECT_FALSE(verify_password("anything", "$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB"));
  EXPECT_FALSE(verify_password("anything", std::string(500, 'x')));
}

TEST_F(PasswordTest, WeakerHashesNeedRehash) {
  char weak[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str_alg(weak, "pw", 2, 1, 8 * 1024 * 1024, crypto_pwhash_ALG_ARGON2ID13),
            0);
  EXPECT_TRUE(verify_password("pw", weak));
  EXPECT_TRUE(password_needs_rehash(weak));
}

TEST_F(PasswordTest, EqualizeTimingCostsAboutAsMuchAsARealVerification) {
  std::string hash = hash_password("correct horse battery staple");
  // The fastest of a few runs, so a busy machine does not make the test flaky.
  auto time = [](auto&& fn) {
    double best = 1e9;
    for (int i = 0; i < 3; ++i) {
      auto start = std::chrono::steady_clock::now();
      fn();
      best = std::min(
          best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
  };
  double real = time([&] { verify_password("wrong password here", hash); });
  double dummy = time([] { equalize_password_timing("wrong password here"); });
  EXPECT_GT(dummy, real * 0.5);
  EXPECT_LT(dummy, real * 2.0);
}

TEST_F(PasswordTest, TheDummyHashUsesTheCurrentParameters) {
  std::string dummy(kDummyPasswordHash);
  EXPECT_FALSE(password_needs_rehash(dummy));
  EXPECT_EQ(dummy.rfind("$argon2id$", 0), 0u);
}

TEST_F(PasswordTest, LengthIsCountedInCodePoints) {
  // 11 code points but 22 bytes: too short.
  EXPECT_TRUE(password_problem("ééééééééééé", {}).has_value());
  EXPECT_NE(password_problem("ééééééééééé", {})->find("at least 12"), std::string::npos);
  // 129 code points: too long; 128 of a strong phrase: fine.
  std::string phrase;
  while (phrase.size() < 128) phrase += "Quartz ferry mango 93 violin ";
  EXPECT_NE(password_problem(phrase.substr(0, 129), {})->find("at most 128"), std::string::npos);
  EXPECT_EQ(password_problem(phrase.substr(0, 128), {}), std::nullopt);
  EXPECT_EQ(*password_problem(std::string("abc\xff") + "defghijklmn", {}), "must be valid UTF-8");
}

TEST_F(PasswordTest, RefusesCommonAndGuessablePasswords) {
  for (const char* pw : {"password1234", "qwertyuiop123", "aaaaaaaaaaaa", "123456789012",
                         "iloveyou1234", "passwordpassword", "P@ssw0rd2024!", "1qaz2wsx3edc",
                         "Welcome2024!!", "abcdefghijkl", "Qwerty123456"}) {
    EXPECT_TRUE(password_problem(pw, user_).has_value()) << pw;
  }
}

TEST_F(PasswordTest, RefusesTheUsersOwnEmailOrNameWithDigits) {
  for (const char* pw :
       {"alice.smith@example.com", "alice.smith@example.com1", "alicesmith1234", "AliceSmith2024",
        "Alice Smith 2024", "smith1234567890", "example.com123"}) {
    EXPECT_TRUE(password_problem(pw, user_).has_value()) << pw;
  }
}

TEST_F(PasswordTest, AcceptsOrdinaryPassphrasesWithoutCompositionRules) {
  for (const char* pw : {"correct horse battery staple", "Tr0ub4dor&3-xylophone",
                         "blue-kettle-morning-42", "my dog likes pizza", "summer vacation 2019",
                         "Élodie aime les crêpes", "日本語のパスワードですよね"}) {
    EXPECT_EQ(password_problem(pw, user_), std::nullopt) << pw;
  }
}

TEST_F(PasswordTest, StrengthCheckStaysFastOnTheLongestInputs) {
  std::vector<std::string> inputs{std::string(128, 'a'), std::string(128, '1')};
  std::string walk;
  while (walk.size() < 128) walk += "qwertyuiopasdfghjkl";
  inputs.push_back(walk.substr(0, 128));
  std::string mixed;
  while (mixed.size() < 128) mixed += "abc1!X";
  inputs.push_back(mixed.substr(0, 128));
  for (const auto& pw : inputs) {
    auto start = std::chrono::steady_clock::now();
    password_problem(pw, user_);
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
    EXPECT_LT(ms.count(), 100.0) << pw;
  }
}

}  // namespace
}  // namespace prism::auth
