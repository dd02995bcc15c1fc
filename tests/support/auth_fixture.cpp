#include "support/auth_fixture.hpp"

#include "core/crypto.hpp"

namespace prism::testing {

void AuthFixture::SetUp() {
  crypto::init();
  EnvVars env{{"JWT_SECRET_KEY", kJwtSecret}, {"SMTP_URL", sink_.url()}};
  for (auto& kv : extra_env()) env.push_back(kv);
  server_ = std::make_unique<ServerProcess>(env);
}

void expect_problem(const HttpResponse& r, long status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_TRUE(r.header("content-type").starts_with("application/problem+json"))
      << r.header("content-type");
  auto v = r.json();
  ASSERT_TRUE(v.is_object()) << r.body;
  const auto* c = v.as_object().if_contains("code");
  ASSERT_TRUE(c && c->is_string()) << r.body;
  EXPECT_EQ(c->as_string(), code) << r.body;
}

std::string refresh_cookie_of(const HttpResponse& r) {
  std::string all = r.header("set-cookie");
  const std::string key = "prism_refresh=";
  auto pos = all.find(key);
  if (pos == std::string::npos) return {};
  pos += key.size();
  return all.substr(pos, all.find(';', pos) - pos);
}

std::string link_token(const std::string& body) {
  const std::string key = "token=";
  auto pos = body.find(key);
  if (pos == std::string::npos) return {};
  pos += key.size();
  auto end = body.find_first_of(" \r\n", pos);
  return body.substr(pos, end - pos);
}

std::string forge_jwt(const std::string& header, const std::string& payload,
                      const std::string& secret) {
  std::string input = crypto::base64url_encode(header) + "." + crypto::base64url_encode(payload);
  return input + "." + crypto::base64url_encode(crypto::hmac_sha256(secret, input));
}

}  // namespace prism::testing
