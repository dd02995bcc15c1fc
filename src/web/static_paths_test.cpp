#include "web/static_paths.hpp"

#include <gtest/gtest.h>

namespace prism::web {
namespace {

TEST(DecodeSitePath, DecodesPercentEscapes) {
  EXPECT_EQ(decode_site_path("/assets/app-abc123.js"), "/assets/app-abc123.js");
  EXPECT_EQ(decode_site_path("/projects/a%20b"), "/projects/a b");
  EXPECT_EQ(decode_site_path("/"), "/");
}

TEST(DecodeSitePath, RejectsTraversalRawOrEncoded) {
  for (const char* path : {"/../etc/passwd", "/assets/../../x", "/%2e%2e/etc/passwd", "/%2E%2e/x",
                           "/.%2e/x", "/assets/%2e%2e%2f%2e%2e%2fetc", "/./index.html", "/a/.."}) {
    EXPECT_EQ(decode_site_path(path), std::nullopt) << path;
  }
}

TEST(DecodeSitePath, RejectsNulBackslashesAndBadEscapes) {
  for (const char* path : {"/index.html%00.js", "/..\\..\\etc", "/%5c..%5cetc", "/a%2", "/a%zz",
                           "/%", "relative", "", "/a%0d%0aX-Injected:1"}) {
    EXPECT_EQ(decode_site_path(path), std::nullopt) << path;
  }
  EXPECT_EQ(decode_site_path(std::string_view("/a\0b", 4)), std::nullopt);
}

TEST(DecodeSitePath, DotsInsideNamesAreFine) {
  EXPECT_EQ(decode_site_path("/assets/app.min.js"), "/assets/app.min.js");
  EXPECT_EQ(decode_site_path("/a..b/c"), "/a..b/c");
}

TEST(ChooseEncoding, PrefersBrotliThenGzip) {
  EXPECT_EQ(choose_encoding("gzip, deflate, br", true, true), Encoding::kBrotli);
  EXPECT_EQ(choose_encoding("gzip, deflate, br", true, false), Encoding::kGzip);
  EXPECT_EQ(choose_encoding("gzip, deflate, br", false, false), Encoding::kIdentity);
  EXPECT_EQ(choose_encoding("gzip", true, true), Encoding::kGzip);
  EXPECT_EQ(choose_encoding("", true, true), Encoding::kIdentity);
  EXPECT_EQ(choose_encoding("identity", true, true), Encoding::kIdentity);
}

TEST(ChooseEncoding, HonoursQValuesAndWildcards) {
  EXPECT_EQ(choose_encoding("br;q=0, gzip", true, true), Encoding::kGzip);
  EXPECT_EQ(choose_encoding("br;q=0.5, gzip;q=0.8", true, true), Encoding::kGzip);
  EXPECT_EQ(choose_encoding("BR;Q=1.0, GZIP;q=1", true, true), Encoding::kBrotli);
  EXPECT_EQ(choose_encoding("*", true, true), Encoding::kBrotli);
  EXPECT_EQ(choose_encoding("*;q=0, gzip", true, true), Encoding::kGzip);
  EXPECT_EQ(choose_encoding("x-gzip", true, false), Encoding::kGzip);
  EXPECT_EQ(choose_encoding("br;q=nonsense", true, true), Encoding::kIdentity);
  EXPECT_EQ(choose_encoding("gzip;q=0", true, false), Encoding::kIdentity);
}

TEST(NoneMatchHits, ComparesEntityTagsWeakly) {
  EXPECT_TRUE(none_match_hits("\"abc\"", "\"abc\""));
  EXPECT_TRUE(none_match_hits("W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(none_match_hits("\"x\", \"abc\"", "\"abc\""));
  EXPECT_TRUE(none_match_hits(" * ", "\"abc\""));
  EXPECT_FALSE(none_match_hits("\"abcd\"", "\"abc\""));
  EXPECT_FALSE(none_match_hits("", "\"abc\""));
  EXPECT_FALSE(none_match_hits("abc", "\"abc\""));
}

TEST(ContentType, ByExtension) {
  EXPECT_EQ(content_type_for("/index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("/assets/app-abc.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("/assets/app-abc.CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("/config.json"), "application/json");
  EXPECT_EQ(content_type_for("/favicon.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("/fonts/x.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("/LICENSE"), "application/octet-stream");
  EXPECT_EQ(content_type_for("/a.dir/LICENSE"), "application/octet-stream");
}

TEST(CacheControl, HashedAssetsAreImmutableEverythingElseRevalidates) {
  EXPECT_EQ(cache_control_for("/assets/app-abc123.js"), "public, max-age=31536000, immutable");
  EXPECT_EQ(cache_control_for("/index.html"), "no-cache");
  EXPECT_EQ(cache_control_for("/config.json"), "no-cache");
  EXPECT_EQ(cache_control_for("/assetsx/a.js"), "no-cache");
}

}  // namespace
}  // namespace prism::web
