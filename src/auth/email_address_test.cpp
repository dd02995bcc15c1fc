#include "auth/email_address.hpp"

#include <gtest/gtest.h>

namespace prism::auth {
namespace {

TEST(NormalizeEmail, LowerCasesPlausibleAddresses) {
  EXPECT_EQ(normalize_email("Alice.Smith@Example.COM"), "alice.smith@example.com");
  EXPECT_EQ(normalize_email("a+tag@sub.example.io"), "a+tag@sub.example.io");
  EXPECT_EQ(normalize_email("Zoë@exämple.de"), "zoë@exämple.de");
}

TEST(NormalizeEmail, RejectsImplausibleOrDangerousAddresses) {
  for (const char* bad : {"",
                          "a@b",
                          "plainaddress",
                          "@example.com",
                          "a@@example.com",
                          "a@b@example.com",
                          "a@example",
                          "a@.example.com",
                          "a@example.com.",
                          "a@exa..mple.com",
                          ".a@example.com",
                          "a.@example.com",
                          "a..b@example.com",
                          "a b@example.com",
                          " a@example.com",
                          "a@example.com\r\nBcc: x@evil.io",
                          "a@example.com\n",
                          "<a@example.com>",
                          "\"a\"@example.com",
                          "a,b@example.com",
                          "a@-example.com",
                          "a@exam\x7fple.com"}) {
    EXPECT_EQ(normalize_email(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(normalize_email(std::string(65, 'a') + "@example.com"), std::nullopt);
  EXPECT_EQ(normalize_email("a@" + std::string(250, 'b') + ".com"), std::nullopt);
  EXPECT_EQ(normalize_email("a\xff@example.com"), std::nullopt);
}

}  // namespace
}  // namespace prism::auth
