#include "auth/cookie_guard.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace prism::auth {
namespace {

constexpr std::string_view kJson = "application/json";
constexpr std::string_view kHost = "127.0.0.1:8080";

TEST(OriginOf, KeepsSchemeHostAndPortOnly) {
  EXPECT_EQ(origin_of("https://Prism.Example.com/app/"), "https://prism.example.com");
  EXPECT_EQ(origin_of("https://prism.example.com:443"), "https://prism.example.com");
  EXPECT_EQ(origin_of("http://localhost:8080"), "http://localhost:8080");
  EXPECT_EQ(origin_of("http://localhost:80/x?y"), "http://localhost");
  EXPECT_EQ(origin_of("null"), "");
  EXPECT_EQ(origin_of("ftp://example.com"), "");
  EXPECT_EQ(origin_of(""), "");
}

class CookieGuardTest : public ::testing::Test {
 protected:
  CookieGuard guard{{"https://prism.example.com/", "https://admin.example.org"}};
  ErrorCode verdict(std::string_view origin, std::string_view site, std::string_view type = kJson) {
    try {
      guard.check(origin, kHost, site, type);
      return ErrorCode::kInternal;  // stands for "allowed"
    } catch (const Error& e) {
      return e.code();
    }
  }
};

TEST_F(CookieGuardTest, OwnAndAllowedOriginsPass) {
  EXPECT_EQ(verdict("https://prism.example.com", "same-origin"), ErrorCode::kInternal);
  EXPECT_EQ(verdict("https://admin.example.org", ""), ErrorCode::kInternal);
  EXPECT_EQ(verdict("http://127.0.0.1:8080", "same-origin"), ErrorCode::kInternal)
      << "PRISM serving the app itself";
  EXPECT_EQ(verdict("", ""), ErrorCode::kInternal) << "a client that is not a browser";
  EXPECT_EQ(verdict("", "none"), ErrorCode::kInternal);
  EXPECT_EQ(verdict("https://admin.example.org", "same-site"), ErrorCode::kInternal);
}

TEST_F(CookieGuardTest, ForeignOriginsAndSitesAreForbidden) {
  for (std::string_view origin :
       {"http://evil.test", "null", "https://sub.prism.example.com", "http://prism.example.com",
        "https://prism.example.com.evil.test", "https://prism.example.com/",
        "https://x@prism.example.com", "http://127.0.0.1:8081"}) {
    EXPECT_EQ(verdict(origin, ""), ErrorCode::kForbidden) << origin;
  }
  EXPECT_EQ(verdict("", "cross-site"), ErrorCode::kForbidden);
  EXPECT_EQ(verdict("https://prism.example.com", "cross-site"), ErrorCode::kForbidden);
  EXPECT_EQ(verdict("", "same-site"), ErrorCode::kForbidden);
  EXPECT_EQ(verdict("", "Cross-Site"), ErrorCode::kForbidden);
}

TEST_F(CookieGuardTest, OnlyJsonBodiesPass) {
  EXPECT_EQ(verdict("", "", "application/json; charset=utf-8"), ErrorCode::kInternal);
  EXPECT_EQ(verdict("", "", "Application/JSON"), ErrorCode::kInternal);
  for (std::string_view type :
       {"", "text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/jsonx", "application/json-patch+json"}) {
    EXPECT_EQ(verdict("", "", type), ErrorCode::kUnsupportedMediaType) << type;
  }
}

}  // namespace
}  // namespace prism::auth
