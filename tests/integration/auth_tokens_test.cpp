// Bearer credentials through the real binary: every known JWT attack answers
// 401 on a protected route, and personal API tokens work, stay secret and can
// be revoked.
#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "support/auth_fixture.hpp"
#include "support/email_confirmation.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::AuthFixture;
using testing::expect_problem;
using testing::forge_jwt;
using testing::HttpClient;

class BearerApi : public AuthFixture {
 protected:
  void SetUp() override {
    AuthFixture::SetUp();
    client_ = new_client();
    user_ = testing::register_user(*client_, "bearer");
    // SMTP is configured, so personal tokens need the confirmed address.
    testing::confirm_email(*client_, sink_, user_.email);
    // The session id of the registration, read from the real token.
    std::string token = user_.access_token;
    auto p1 = token.find('.'), p2 = token.rfind('.');
    auto payload = json::parse(*crypto::base64url_decode(token.substr(p1 + 1, p2 - p1 - 1)));
    session_id_ = std::string(payload.at("sid").as_string());
  }

  json::object claims() const {
    std::int64_t now = now_unix();
    return {{"sub", user_.user_id}, {"sid", session_id_}, {"iat", now},         {"nbf", now},
            {"exp", now + 600},     {"iss", "prism"},     {"aud", "prism-api"}, {"typ", "access"}};
  }
  std::string sign(const json::object& c,
                   const std::string& header = R"({"alg":"HS256","typ":"JWT"})",
                   const std::string& secret = kJwtSecret) const {
    return forge_jwt(header, json::serialize(c), secret);
  }
  long me_status(const std::string& bearer) {
    HttpClient c(base());
    c.set_bearer(bearer);
    auto r = c.get("/api/v1/auth/me");
    if (r.status == 401) expect_problem(r, 401, "unauthorized");
    return r.status;
  }

  std::unique_ptr<HttpClient> client_;
  testing::TestUser user_;
  std::string session_id_;
};

TEST_F(BearerApi, AHandSignedTokenWithTheRealKeyWorksSoTheAttacksBelowAreMeaningful) {
  EXPECT_EQ(me_status(sign(claims())), 200);
  EXPECT_EQ(me_status(user_.access_token), 200);
}

TEST_F(BearerApi, AlgNoneAndOtherAlgorithmsAreRejected) {
  std::string payload = json::serialize(claims());
  for (const char* alg : {"none", "None", "NONE", "nOnE"}) {
    std::string header = std::string(R"({"alg":")") + alg + R"(","typ":"JWT"})";
    EXPECT_EQ(
        me_status(crypto::base64url_encode(header) + "." + crypto::base64url_encode(payload) + "."),
        401)
        << alg;
    EXPECT_EQ(me_status(sign(claims(), header)), 401) << alg;
  }
  EXPECT_EQ(me_status(sign(claims(), R"({"alg":"HS512","typ":"JWT"})")), 401);
  EXPECT_EQ(me_status(sign(claims(), R"({"alg":"RS256","typ":"JWT"})")), 401);
}

TEST_F(BearerApi, AnotherKeyOrATamperedTokenIsRejected) {
  EXPECT_EQ(me_status(sign(claims(), R"({"alg":"HS256"})", std::string(48, 'x'))), 401);
  std::string good = sign(claims());
  auto c = claims();
  c["sub"] = "someone-else";
  std::string evil = sign(c);
  std::string spliced = good.substr(0, good.find('.')) +
                        evil.substr(evil.find('.'), evil.rfind('.') - evil.find('.')) +
                        good.substr(good.rfind('.'));
  EXPECT_EQ(me_status(spliced), 401);
  std::string flipped = good;
  flipped[flipped.size() - 2] = flipped[flipped.size() - 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(me_status(flipped), 401);
}

TEST_F(BearerApi, TimeAudienceIssuerAndTypeAreEnforced) {
  std::int64_t now = now_unix();
  auto c = claims();
  c["exp"] = now - 1;
  c["iat"] = now - 901;
  EXPECT_EQ(me_status(sign(c)), 401) << "expired";
  c = claims();
  c["nbf"] = now + 300;
  EXPECT_EQ(me_status(sign(c)), 401) << "not yet valid";
  c = claims();
  c["aud"] = "another-api";
  EXPECT_EQ(me_status(sign(c)), 401);
  c = claims();
  c["iss"] = "evil";
  EXPECT_EQ(me_status(sign(c)), 401);
  c = claims();
  c["typ"] = "refresh";
  EXPECT_EQ(me_status(sign(c)), 401);
  c = claims();
  c.erase("exp");
  EXPECT_EQ(me_status(sign(c)), 401);
}

TEST_F(BearerApi, ATokenForAnUnknownOrForeignSessionIsRejected) {
  auto c = claims();
  c["sid"] = "01900000-0000-7000-8000-000000000000";
  EXPECT_EQ(me_status(sign(c)), 401);
  HttpClient other(base());
  auto stranger = testing::register_user(other, "stranger");
  c = claims();
  c["sub"] = stranger.user_id;  // right key, but the session is not theirs
  EXPECT_EQ(me_status(sign(c)), 401);
}

TEST_F(BearerApi, MalformedTokensAreRejected) {
  std::string good = sign(claims());
  std::string two = good.substr(0, good.rfind('.'));
  EXPECT_EQ(me_status(two), 401);
  EXPECT_EQ(me_status(good + "." + good.substr(good.rfind('.') + 1)), 401);
  EXPECT_EQ(me_status(good + "="), 401);
  std::string standard = good;
  for (char& ch : standard) {
    if (ch == '-') ch = '+';
    if (ch == '_') ch = '/';
  }
  if (standard != good) {
    EXPECT_EQ(me_status(standard), 401);
  }
  std::string payload = json::serialize(claims());
  payload.replace(payload.find("\"access\""), 8, "\"acc\xff\xfe\"");
  EXPECT_EQ(me_status(forge_jwt(R"({"alg":"HS256"})", payload, kJwtSecret)), 401);
  auto c = claims();
  c["pad"] = std::string(5000, 'p');
  EXPECT_EQ(me_status(sign(c)), 401) << "oversized";
}

TEST_F(BearerApi, PersonalApiTokensAreShownOnceAndRevocable) {
  auto created = client_->post("/api/v1/auth/tokens", json::object{{"name", "CI deploys"}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto j = created.json().as_object();
  std::string secret(j["token"].as_string());
  std::string id(j["id"].as_string());
  EXPECT_TRUE(secret.starts_with("prism_pat_")) << secret;
  EXPECT_TRUE(secret.starts_with(std::string(j["prefix"].as_string())));
  EXPECT_TRUE(j["expires_at"].is_null());

  auto list = client_->get("/api/v1/auth/tokens");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.body.find(secret), std::string::npos) << "the secret is never listed";
  auto items = list.json().at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("name").as_string(), "CI deploys");

  HttpClient script(base());
  script.set_bearer(secret);
  auto me = script.get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json().at("user").at("id").as_string(), user_.user_id);
  // A token cannot mint tokens that would outlive it.
  expect_problem(script.post("/api/v1/auth/tokens", json::object{{"name", "x"}}), 403, "forbidden");

  EXPECT_EQ(client_->del("/api/v1/auth/tokens/" + id).status, 204);
  expect_problem(script.get("/api/v1/auth/me"), 401, "unauthorized");
  expect_problem(client_->del("/api/v1/auth/tokens/" + id), 404, "not_found");
  EXPECT_EQ(me_status("prism_pat_" + std::string(43, 'A')), 401);
}

TEST_F(BearerApi, ApiTokenInputIsValidated) {
  auto with_expiry = client_->post("/api/v1/auth/tokens",
                                   json::object{{"name", "short-lived"}, {"expires_in_days", 7}});
  ASSERT_EQ(with_expiry.status, 201) << with_expiry.body;
  EXPECT_TRUE(with_expiry.json().at("expires_at").is_string());
  expect_problem(
      client_->post("/api/v1/auth/tokens", json::object{{"name", "x"}, {"expires_in_days", 0}}),
      422, "validation_failed");
  expect_problem(client_->post("/api/v1/auth/tokens", json::object{{"name", "   "}}), 422,
                 "validation_failed");
  expect_problem(client_->post("/api/v1/auth/tokens", json::object{}), 422, "validation_failed");
  // Another user cannot revoke it: not found.
  HttpClient other(base());
  testing::register_user(other, "other");
  std::string id(with_expiry.json().at("id").as_string());
  expect_problem(other.del("/api/v1/auth/tokens/" + id), 404, "not_found");
}

TEST_F(BearerApi, AReadScopedTokenReadsEverythingAndChangesNothing) {
  auto created = client_->post("/api/v1/auth/tokens",
                               json::object{{"name", "agent"}, {"scopes", json::array{"read"}}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json().at("scopes"), (json::array{"read"}));
  auto both = client_->post("/api/v1/auth/tokens", json::object{{"name", "deploys"}});
  EXPECT_EQ(both.json().at("scopes"), (json::array{"read", "write"}));
  expect_problem(client_->post("/api/v1/auth/tokens",
                               json::object{{"name", "x"}, {"scopes", json::array{"write"}}}),
                 422, "validation_failed");
  expect_problem(
      client_->post("/api/v1/auth/tokens",
                    json::object{{"name", "x"}, {"scopes", json::array{"read", "admin"}}}),
      422, "validation_failed");

  HttpClient reader(base());
  reader.set_bearer(std::string(created.json().at("token").as_string()));
  ASSERT_EQ(reader.get("/api/v1/auth/me").status, 200);
  ASSERT_EQ(reader.get("/api/v1/orgs").status, 200);
  // Every documented operation that changes something and needs a caller
  // answers 403 read_only_token, whatever the ids (refused before routing
  // reaches the handler).
  auto doc = client_->get("/api/v1/openapi.json").json();
  int refused = 0;
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      std::string m(method);
      if (m == "get" || m == "head" || m == "parameters") continue;
      const auto* security = op.as_object().if_contains("security");
      if (security && security->as_array().empty()) continue;  // public
      // Routes that check the scope themselves (MCP's write tools).
      if (op.as_object().contains("x-read-only-token")) continue;
      std::string concrete;
      std::string tmpl(path);
      for (std::size_t i = 0; i < tmpl.size(); ++i) {
        if (tmpl[i] == '{') {
          concrete += "00000000-0000-7000-8000-000000000000";
          i = tmpl.find('}', i);
        } else {
          concrete += tmpl[i];
        }
      }
      for (auto& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      auto r = reader.request(m, concrete, json::object{});
      EXPECT_EQ(r.status, 403) << m << " " << tmpl << ": " << r.body;
      if (r.status == 403) {
        EXPECT_NE(r.body.find("read_only_token"), std::string::npos) << m << " " << tmpl;
      }
      ++refused;
    }
  }
  EXPECT_GT(refused, 40);
  // The session that made it still writes.
  EXPECT_EQ(client_->post("/api/v1/auth/tokens", json::object{{"name", "still"}}).status, 201);
}

}  // namespace
}  // namespace prism
