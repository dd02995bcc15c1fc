#include "http/router.hpp"

#include <gtest/gtest.h>

namespace prism::http {
namespace {

Response ok(Request&) { return Response::no_content(); }

TEST(Router, MatchesPathParameters) {
  Router r;
  r.add(beast_http::verb::get, "/api/v1/documents/{id}", ok);
  auto m = r.match(beast_http::verb::get, "/api/v1/documents/abc");
  ASSERT_NE(m.route, nullptr);
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0].first, "id");
  EXPECT_EQ(m.params[0].second, "abc");
}

TEST(Router, LiteralSegmentsWinOverParameters) {
  Router r;
  r.add(beast_http::verb::get, "/orgs/{org}", ok);
  auto& lit = r.add(beast_http::verb::get, "/orgs/mine", ok);
  EXPECT_EQ(r.match(beast_http::verb::get, "/orgs/mine").route, &lit);
}

TEST(Router, ReportsAllowedMethodsWhenOnlyTheMethodDiffers) {
  Router r;
  r.add(beast_http::verb::get, "/a/{x}", ok);
  r.add(beast_http::verb::patch, "/a/{x}", ok);
  auto m = r.match(beast_http::verb::post, "/a/1");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed.size(), 2u);
}

TEST(Router, NoMatchForDifferentSegmentCount) {
  Router r;
  r.add(beast_http::verb::get, "/a/{x}", ok);
  auto m = r.match(beast_http::verb::get, "/a/1/b");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.allowed.empty());
}

TEST(Router, RejectsDuplicateRoutes) {
  Router r;
  r.add(beast_http::verb::get, "/a/{x}", ok);
  EXPECT_THROW(r.add(beast_http::verb::get, "/a/{y}", ok), std::logic_error);
}

}  // namespace
}  // namespace prism::http
