// The routes a browser authenticates with the refresh cookie (refresh,
// logout) refuse requests another site could forge (issue 11, finding 11):
// a foreign or "null" Origin, Sec-Fetch-Site cross-site (or same-site from an
// origin that is not allowed) with 403, and any body that is not JSON (the
// kinds a form or a no-cors fetch can send) with 415. A refused request
// leaves the session as it was.
#include <gtest/gtest.h>

#include "support/auth_fixture.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::expect_problem;
using testing::Headers;
using testing::HttpClient;
using testing::HttpResponse;

constexpr const char* kPublicUrl = "http://prism.test";
constexpr const char* kAllowedOrigin = "http://allowed.test";

class CookieRoutes : public testing::AuthFixture {
 protected:
  testing::EnvVars extra_env() const override {
    return {{"PUBLIC_URL", kPublicUrl}, {"CORS_ALLOWED_ORIGINS", kAllowedOrigin}};
  }
  void SetUp() override {
    AuthFixture::SetUp();
    client_ = new_client();
    testing::register_user(*client_, "cookie");
  }

  HttpResponse json_post(const std::string& route, Headers headers) {
    return client_->post("/api/v1/auth/" + route, json::object{}, std::move(headers));
  }
  HttpResponse raw_post(const std::string& route, const std::string& body,
                        const std::string& content_type) {
    return client_->raw("POST", "/api/v1/auth/" + route, body, content_type);
  }
  // Whether the refresh cookie still works, with a plain same-origin request.
  bool session_alive() { return json_post("refresh", {}).status == 200; }

  std::unique_ptr<HttpClient> client_;
};

TEST_F(CookieRoutes, AForeignOrNullOriginIsRefused) {
  for (const std::string route : {"refresh", "logout"}) {
    for (const char* origin : {"http://evil.test", "null", "http://sub.prism.test",
                               "https://prism.test", "http://prism.test.evil.test"}) {
      expect_problem(json_post(route, {{"Origin", origin}}), 403, "forbidden");
    }
  }
  EXPECT_TRUE(session_alive()) << "a refused request must not end or rotate the session";
}

TEST_F(CookieRoutes, CrossSiteFetchMetadataIsRefused) {
  for (const std::string route : {"refresh", "logout"}) {
    expect_problem(json_post(route, {{"Sec-Fetch-Site", "cross-site"}}), 403, "forbidden");
    expect_problem(json_post(route, {{"Sec-Fetch-Site", "same-site"}}), 403, "forbidden");
    expect_problem(
        json_post(route, {{"Sec-Fetch-Site", "same-site"}, {"Origin", "http://sub.prism.test"}}),
        403, "forbidden");
    expect_problem(json_post(route, {{"Sec-Fetch-Site", "cross-site"}, {"Origin", kPublicUrl}}),
                   403, "forbidden");
  }
  EXPECT_TRUE(session_alive());
}

TEST_F(CookieRoutes, BodiesOtherThanJsonAreRefused) {
  for (const std::string route : {"refresh", "logout"}) {
    expect_problem(raw_post(route, "{}", "text/plain"), 415, "unsupported_media_type");
    expect_problem(raw_post(route, "{}", "text/plain;charset=UTF-8"), 415,
                   "unsupported_media_type");
    expect_problem(raw_post(route, "a=b", "application/x-www-form-urlencoded"), 415,
                   "unsupported_media_type");
    expect_problem(raw_post(route, "--x\r\n\r\n--x--\r\n", "multipart/form-data; boundary=x"), 415,
                   "unsupported_media_type");
    expect_problem(raw_post(route, "", ""), 415, "unsupported_media_type");
  }
  EXPECT_TRUE(session_alive());
}

TEST_F(CookieRoutes, SameOriginJsonRequestsWork) {
  auto own = json_post("refresh", {{"Origin", kPublicUrl}, {"Sec-Fetch-Site", "same-origin"}});
  EXPECT_EQ(own.status, 200) << own.body;
  // The origin the browser sees when PRISM itself serves the app.
  std::string self = "http://127.0.0.1:" + std::to_string(server_->port());
  auto served = json_post("refresh", {{"Origin", self}, {"Sec-Fetch-Site", "same-origin"}});
  EXPECT_EQ(served.status, 200) << served.body;
  auto allowed = json_post("refresh", {{"Origin", kAllowedOrigin}});
  EXPECT_EQ(allowed.status, 200) << allowed.body;
  // Non-browser clients send neither header.
  auto bare = raw_post("refresh", "", "application/json");
  EXPECT_EQ(bare.status, 200) << bare.body;
  auto charset = raw_post("refresh", "{}", "application/json; charset=utf-8");
  EXPECT_EQ(charset.status, 200) << charset.body;

  auto out = json_post("logout", {{"Origin", kPublicUrl}, {"Sec-Fetch-Site", "same-origin"}});
  EXPECT_EQ(out.status, 204) << out.body;
  expect_problem(json_post("refresh", {}), 401, "unauthorized");
}

}  // namespace
}  // namespace prism
