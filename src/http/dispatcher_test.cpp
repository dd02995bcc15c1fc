#include "http/dispatcher.hpp"

#include <gtest/gtest.h>

#include <deque>

#include "core/error.hpp"

namespace prism::http {
namespace {

class FixedAuthenticator : public Authenticator {
 public:
  std::optional<Principal> authenticate(std::string_view bearer, const Request&) override {
    if (bearer == "good") return Principal{"user-1", "session-1", ""};
    if (bearer == "reader") return Principal{"user-1", "", "token-1", true};
    return std::nullopt;
  }
};

class DispatcherTest : public ::testing::Test {
 protected:
  DispatcherTest() {
    router_.add(
        beast_http::verb::get, "/open",
        [](Request&) {
          return Response::json(json::object{{"ok", true}});
        },
        Auth::kNone);
    router_.add(beast_http::verb::get, "/me", [](Request& r) {
      return Response::json(json::object{{"user", r.principal().user_id}});
    });
    router_.add(beast_http::verb::post, "/me/change",
                [](Request&) { return Response::no_content(); });
    router_.add(beast_http::verb::post, "/me/look", [](Request&) { return Response::no_content(); })
        .read_only_ok = true;
    router_.add(
        beast_http::verb::get, "/boom",
        [](Request&) -> Response { throw std::runtime_error("secret internal detail"); },
        Auth::kNone);
    router_.add(
        beast_http::verb::post, "/json",
        [](Request& r) {
          auto body = r.json_body();
          JsonReader reader(body);
          reader.required_string("name");
          reader.finish();
          return Response::no_content();
        },
        Auth::kNone);
  }

  RawResponse send(RawRequest req) {
    req.version(11);
    req.prepare_payload();
    requests_.push_back(std::move(req));
    auto ex = dispatcher_.begin(requests_.back(), "127.0.0.1");
    Response res = dispatcher_.run(ex);
    return dispatcher_.finish(ex, std::move(res), true);
  }
  RawRequest get(std::string target) {
    RawRequest r{beast_http::verb::get, target, 11};
    return r;
  }

  Router router_;
  Metrics metrics_;
  FixedAuthenticator auth_;
  Activity activity_;
  Dispatcher dispatcher_{
      router_, &auth_, metrics_, {{"https://app.example"}, true, 1024 * 1024, {}, &activity_}};
  std::deque<RawRequest> requests_;
};

TEST_F(DispatcherTest, EchoesAValidRequestIdAndReplacesAnInvalidOne) {
  auto req = get("/open");
  req.set("X-Request-ID", "abc-123");
  EXPECT_EQ(send(req)["X-Request-ID"], "abc-123");
  auto bad = get("/open");
  bad.set("X-Request-ID", "has spaces\tand tabs");
  auto res = send(bad);
  EXPECT_NE(res["X-Request-ID"], "has spaces\tand tabs");
  EXPECT_EQ(res["X-Request-ID"].size(), 36u);
}

TEST_F(DispatcherTest, SecurityHeadersOnEveryResponse) {
  auto res = send(get("/nowhere"));
  EXPECT_EQ(res.result(), Status::not_found);
  EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
  EXPECT_NE(std::string(res["Content-Security-Policy"]).find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_EQ(res["Referrer-Policy"], "no-referrer");
  EXPECT_NE(res["Strict-Transport-Security"], "");
  EXPECT_EQ(res[beast_http::field::content_type], "application/problem+json");
}

TEST_F(DispatcherTest, RequiresABearerTokenAndPassesThePrincipal) {
  auto res = send(get("/me"));
  EXPECT_EQ(res.result(), Status::unauthorized);
  EXPECT_EQ(res["WWW-Authenticate"], "Bearer");
  auto req = get("/me");
  req.set("Authorization", "Bearer good");
  res = send(req);
  EXPECT_EQ(res.result(), Status::ok);
  EXPECT_EQ(res.body(), R"({"user":"user-1"})");
  req.set("Authorization", "Bearer bad");
  EXPECT_EQ(send(req).result(), Status::unauthorized);
}

TEST_F(DispatcherTest, AReadOnlyTokenReadsButChangesNothing) {
  auto read = get("/me");
  read.set("Authorization", "Bearer reader");
  EXPECT_EQ(send(read).result(), Status::ok);
  RawRequest change{beast_http::verb::post, "/me/change", 11};
  change.set("Authorization", "Bearer reader");
  auto refused = send(change);
  EXPECT_EQ(refused.result(), Status::forbidden);
  EXPECT_NE(refused.body().find("read_only_token"), std::string::npos) << refused.body();
  change.set("Authorization", "Bearer good");
  EXPECT_EQ(send(change).result(), Status::no_content);
  RawRequest look{beast_http::verb::post, "/me/look", 11};
  look.set("Authorization", "Bearer reader");
  EXPECT_EQ(send(look).result(), Status::no_content) << "a route that checks the scope itself";
}

TEST_F(DispatcherTest, UnknownExceptionsAreAGeneric500) {
  auto res = send(get("/boom"));
  EXPECT_EQ(res.result(), Status::internal_server_error);
  EXPECT_EQ(res.body().find("secret internal detail"), std::string::npos);
}

TEST_F(DispatcherTest, BodyContentTypeAndValidation) {
  RawRequest r{beast_http::verb::post, "/json", 11};
  r.body() = R"({"name":"x"})";
  r.set("Content-Type", "text/plain");
  EXPECT_EQ(send(r).result(), Status::unsupported_media_type);
  r.set("Content-Type", "application/json; charset=utf-8");
  EXPECT_EQ(send(r).result(), Status::no_content);
  r.body() = "{not json";
  EXPECT_EQ(send(r).result(), Status::bad_request);
  r.body() = R"({"name":"x","extra":true})";
  auto res = send(r);
  EXPECT_EQ(res.result(), Status::unprocessable_entity);
  EXPECT_NE(res.body().find(R"("field":"extra")"), std::string::npos);
}

TEST_F(DispatcherTest, CorsOnlyForAllowedOrigins) {
  RawRequest pre{beast_http::verb::options, "/me", 11};
  pre.set("Origin", "https://app.example");
  pre.set("Access-Control-Request-Method", "GET");
  auto res = send(pre);
  EXPECT_EQ(res.result(), Status::no_content);
  EXPECT_EQ(res["Access-Control-Allow-Origin"], "https://app.example");
  EXPECT_NE(std::string(res["Access-Control-Allow-Headers"]).find("If-Match"), std::string::npos);
  pre.set("Origin", "https://evil.example");
  EXPECT_EQ(send(pre)["Access-Control-Allow-Origin"], "");
}

TEST_F(DispatcherTest, MethodNotAllowedListsAllowedMethods) {
  RawRequest r{beast_http::verb::delete_, "/open", 11};
  auto res = send(r);
  EXPECT_EQ(res.result(), Status::method_not_allowed);
  EXPECT_EQ(res["Allow"], "GET, HEAD");
}

// A load balancer's probes and a metrics scraper do not count as use, or an
// instance nobody uses would keep its database awake (see Activity).
TEST_F(DispatcherTest, RequestsButProbesAndScrapesCountAsUse) {
  for (const char* probe : {"/health", "/ready", "/metrics?x=1"}) send(get(probe));
  EXPECT_FALSE(activity_.within(std::chrono::hours(1)));
  send(get("/no-such-route"));
  EXPECT_TRUE(activity_.within(std::chrono::hours(1)));
}

TEST_F(DispatcherTest, CountsRequestsByRouteTemplate) {
  send(get("/open"));
  std::string text = metrics_.render();
  EXPECT_NE(text.find(R"(prism_http_requests_total{route="/open",method="GET",status="200"} 1)"),
            std::string::npos);
}

}  // namespace
}  // namespace prism::http
