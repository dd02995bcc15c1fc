#include "core/crypto.hpp"

#include <gtest/gtest.h>

#include <string>

namespace prism::crypto {
namespace {

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

TEST(Crypto, HmacSha256MatchesRfc4231) {
  // Test case 2 (a short key) and test case 6 (a key longer than the block).
  EXPECT_EQ(hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(hex(hmac_sha256(std::string(131, '\xaa'),
                            "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(Crypto, Base64UrlRoundTripsEveryLength) {
  std::string data;
  for (int i = 0; i < 70; ++i) {
    auto decoded = base64url_decode(base64url_encode(data));
    ASSERT_TRUE(decoded.has_value()) << i;
    EXPECT_EQ(*decoded, data);
    data.push_back(static_cast<char>(i * 37 + 200));
  }
}

TEST(Crypto, Base64UrlDecodingIsStrict) {
  EXPECT_EQ(base64url_decode("QQ"), std::optional<std::string>("A"));
  EXPECT_EQ(base64url_decode(""), std::optional<std::string>(""));
  EXPECT_FALSE(base64url_decode("QQ=="));   // padding
  EXPECT_FALSE(base64url_decode("ab+/"));   // the other alphabet
  EXPECT_FALSE(base64url_decode("QR"));     // non-zero unused bits: a second encoding of "A"
  EXPECT_FALSE(base64url_decode("QUJDR"));  // a length no encoding has
  EXPECT_FALSE(base64url_decode("QU JD"));
  EXPECT_FALSE(base64url_decode(std::string("QQ\0", 3)));
}

}  // namespace
}  // namespace prism::crypto
