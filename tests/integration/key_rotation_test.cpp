// Rotating JWT_SECRET_KEY and SECRET_KEY through the real binary: after a
// restart with new keys and the old ones as *_PREVIOUS, a signed-in browser
// (its access token and its refresh cookie) and a personal API token keep
// working; once the previous key is removed, only what the new key signed
// verifies, and the refresh cookie (which no key signs) still signs in again.
#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::HttpClient;
using testing::ServerProcess;

const std::string kOldJwt = "old-jwt-secret-of-the-rotation-test-0123456789";
const std::string kNewJwt = "new-jwt-secret-of-the-rotation-test-9876543210";
const std::string kOldSecret = "old-secret-key-of-the-rotation-test-0123456789";
const std::string kNewSecret = "new-secret-key-of-the-rotation-test-9876543210";

long me_status(const ServerProcess& server, const std::string& bearer) {
  HttpClient c(server.base_url());
  c.set_bearer(bearer);
  return c.get("/api/v1/auth/me").status;
}

// Whether `token` (a JWT) carries an HS256 signature by `key`.
bool signed_by(const std::string& token, const std::string& key) {
  auto dot = token.rfind('.');
  return crypto::base64url_encode(crypto::hmac_sha256(key, token.substr(0, dot))) ==
         token.substr(dot + 1);
}

std::string refresh(HttpClient& browser) {
  auto r = browser.post("/api/v1/auth/refresh", json::object{});
  testing::expect_status(r, 200, "refresh");
  return std::string(r.json().at("access_token").as_string());
}

TEST(KeyRotation, SignedInSessionsAndApiTokensSurviveARotation) {
  crypto::init();
  ServerProcess server({{"JWT_SECRET_KEY", kOldJwt}, {"SECRET_KEY", kOldSecret}});
  HttpClient browser(server.base_url());  // keeps the refresh cookie, like a browser
  auto user = testing::register_user(browser, "rotation");
  auto created = browser.post("/api/v1/auth/tokens", json::object{{"name", "CI"}});
  testing::expect_status(created, 201, "create an API token");
  std::string api_token(created.json().at("token").as_string());
  std::string old_access = user.access_token;
  ASSERT_TRUE(signed_by(old_access, kOldJwt));

  server.restart({{"JWT_SECRET_KEY", kNewJwt},
                  {"JWT_SECRET_KEY_PREVIOUS", kOldJwt},
                  {"SECRET_KEY", kNewSecret},
                  {"SECRET_KEY_PREVIOUS", kOldSecret}});
  EXPECT_EQ(me_status(server, old_access), 200) << "the access token issued before the rotation";
  EXPECT_EQ(me_status(server, api_token), 200) << "the API token";
  std::string new_access = refresh(browser);
  EXPECT_TRUE(signed_by(new_access, kNewJwt)) << "new tokens are signed with the new key";
  EXPECT_FALSE(signed_by(new_access, kOldJwt));
  EXPECT_EQ(me_status(server, new_access), 200);
  auto config = server.run_command({"config", "check"});
  EXPECT_NE(config.output.find("JWT_SECRET_KEY_PREVIOUS=(redacted,"), std::string::npos)
      << config.output;
  EXPECT_EQ(config.output.find(kOldJwt), std::string::npos) << "never shown";
  EXPECT_EQ(config.output.find(kOldSecret), std::string::npos) << "never shown";

  // The grace period is over: the operator removes the previous keys.
  server.restart({{"JWT_SECRET_KEY_PREVIOUS", ""}, {"SECRET_KEY_PREVIOUS", ""}});
  EXPECT_EQ(me_status(server, old_access), 401) << "the old key verifies nothing any more";
  EXPECT_EQ(me_status(server, new_access), 200);
  EXPECT_EQ(me_status(server, api_token), 200);
  EXPECT_EQ(me_status(server, refresh(browser)), 200) << "the session itself is still there";
}

TEST(KeyRotation, AKeyThatWasNeverPreviousVerifiesNothing) {
  crypto::init();
  ServerProcess server({{"JWT_SECRET_KEY", kOldJwt}});
  HttpClient browser(server.base_url());
  auto user = testing::register_user(browser, "rotation");
  // A rotation that names an unrelated key as the previous one.
  server.restart({{"JWT_SECRET_KEY", kNewJwt},
                  {"JWT_SECRET_KEY_PREVIOUS", "some-unrelated-key-that-never-signed-anything"}});
  EXPECT_EQ(me_status(server, user.access_token), 401);
}

}  // namespace
}  // namespace prism
