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
  EXPECT_EQ(m.allowed.size(), 3u);  // GET, HEAD (served by GET), PATCH
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

TEST(Router, FallbackAnswersUnmatchedReadsOutsideReservedRoots) {
  Router r;
  r.add(beast_http::verb::get, "/health", ok, Auth::kNone);
  r.add(beast_http::verb::post, "/api/v1/things", ok);
  auto& fallback = r.set_fallback("static", ok, {"api", "health"});
  EXPECT_EQ(r.match(beast_http::verb::get, "/projects/x").route, &fallback);
  EXPECT_EQ(r.match(beast_http::verb::head, "/").route, &fallback);
  EXPECT_EQ(r.match(beast_http::verb::get, "/apiary").route, &fallback);
  // Reserved roots, other methods and paths a route knows keep their answers.
  EXPECT_EQ(r.match(beast_http::verb::get, "/api/v1/nope").route, nullptr);
  EXPECT_EQ(r.match(beast_http::verb::get, "/health/x").route, nullptr);
  EXPECT_EQ(r.match(beast_http::verb::post, "/projects/x").route, nullptr);
  auto m = r.match(beast_http::verb::get, "/api/v1/things");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed.size(), 1u);
  EXPECT_NE(r.match(beast_http::verb::get, "/health").route, &fallback);
  // Not an API operation: the route table stays what the OpenAPI test compares.
  EXPECT_EQ(r.routes().size(), 2u);
}

TEST(Router, FindAgreesWithMatchWithoutTakingParameters) {
  Router r;
  r.add(beast_http::verb::get, "/api/v1/documents/{id}", ok);
  r.add(beast_http::verb::patch, "/api/v1/documents/{id}", ok);
  r.add(beast_http::verb::get, "/api/v1/documents/{id}/versions/{n}", ok);
  r.add(beast_http::verb::get, "/orgs/mine", ok);
  r.add(beast_http::verb::get, "/orgs/{org}", ok);
  r.set_fallback("static", ok, {"api"});
  using V = beast_http::verb;
  std::vector<std::pair<V, std::string>> requests{{V::get, "/api/v1/documents/d1"},
                                                  {V::patch, "/api/v1/documents/d1"},
                                                  {V::delete_, "/api/v1/documents/d1"},
                                                  {V::get, "/api/v1/documents/d1/versions/2"},
                                                  {V::get, "/orgs/mine"},
                                                  {V::get, "/orgs/acme"},
                                                  {V::get, "/projects/x"},
                                                  {V::get, "/api/v1/nope"},
                                                  {V::post, "/projects/x"},
                                                  {V::head, "/"}};
  for (const auto& [method, path] : requests) {
    EXPECT_EQ(r.find(method, path), r.match(method, path).route) << path;
  }
  EXPECT_EQ(r.find(V::get, "/projects/x"), r.fallback());
  // A path another method serves is that route's 405, never the web app's.
  EXPECT_EQ(r.find(V::get, "/api/v1/documents/d1/versions"), nullptr);
  auto m = r.match(V::get, "/api/v1/documents/d1/versions/2");
  ASSERT_EQ(m.params.size(), 2u);
  EXPECT_EQ(m.params[1].second, "2");
}

TEST(Router, HeadIsServedByTheGetRouteAndListedBesideIt) {
  using V = beast_http::verb;
  Router r;
  r.add(V::get, "/api/v1/documents/{id}", ok);
  r.add(V::patch, "/api/v1/documents/{id}", ok);
  r.add(V::post, "/api/v1/login", ok);
  const Route* get = &r.routes().front();
  auto m = r.match(V::head, "/api/v1/documents/d1");
  EXPECT_EQ(m.route, get);
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0].second, "d1");
  EXPECT_EQ(r.find(V::head, "/api/v1/documents/d1"), get);
  auto other = r.match(V::delete_, "/api/v1/documents/d1");
  EXPECT_EQ(other.route, nullptr);
  EXPECT_EQ(other.allowed, (std::vector<V>{V::get, V::head, V::patch}));
  // No GET, no HEAD.
  auto post_only = r.match(V::head, "/api/v1/login");
  EXPECT_EQ(post_only.route, nullptr);
  EXPECT_EQ(post_only.allowed, (std::vector<V>{V::post}));
}

TEST(Router, LoggablePathHidesSecretParametersAndUnknownSegments) {
  using V = beast_http::verb;
  Router r;
  r.add(V::get, "/api/v1/documents/{id}", ok);
  r.add(V::get, "/api/v1/shared/{token}", ok, Auth::kNone);
  r.add(V::post, "/api/v1/invitations/{token}/accept", ok, Auth::kNone);
  r.add(V::get, "/api/v1/keys/{key}/rotate", ok).secret_params = {"key"};
  r.set_fallback("static", ok, {"api"});
  auto logged = [&](V method, std::string_view path) {
    return r.loggable_path(r.match(method, path).route, path);
  };
  EXPECT_EQ(logged(V::get, "/api/v1/documents/d1"), "/api/v1/documents/d1");
  EXPECT_EQ(logged(V::get, "/api/v1/shared/s3cret"), "/api/v1/shared/{token}");
  EXPECT_EQ(logged(V::head, "/api/v1/shared/s3cret"), "/api/v1/shared/{token}");
  EXPECT_EQ(logged(V::post, "/api/v1/invitations/s3cret/accept"),
            "/api/v1/invitations/{token}/accept");
  EXPECT_EQ(logged(V::get, "/api/v1/keys/s3cret/rotate"), "/api/v1/keys/{key}/rotate");
  // No route matched (405, 404) or only the web app's fallback did: nothing
  // tells which segment is a secret, so only words of the route table stay.
  EXPECT_EQ(logged(V::get, "/api/v1/invitations/s3cret/accept"),
            "/api/v1/invitations/{redacted}/accept");
  EXPECT_EQ(logged(V::get, "/api/v1/shared/s3cret/more"), "/api/v1/shared/{redacted}/{redacted}");
  EXPECT_EQ(logged(V::get, "/shared/s3cret"), "/shared/{redacted}");
  EXPECT_EQ(logged(V::get, "/"), "/");
}

}  // namespace
}  // namespace prism::http
