// Behind reverse proxies (TRUSTED_PROXY_HOPS) the client's address comes
// from the entries they appended to X-Forwarded-For, never from what the
// client wrote there itself; without the setting the header is ignored.
// Checked where a user sees it: the audit log's address of a registration,
// and the login lock per address.
#include <gtest/gtest.h>

#include "support/api_helpers.hpp"
#include "support/org_helpers.hpp"
#include "support/server_process.hpp"

namespace prism::testing {
namespace {

namespace json = boost::json;

// Registers through `forwarded_for` and returns the address the audit log
// recorded for it.
std::string registered_from(ServerProcess& server, const std::string& forwarded_for) {
  HttpClient c(server.base_url());
  auto r = c.post("/api/v1/auth/register",
                  json::object{{"email", unique_email("xff")},
                               {"password", strong_password()},
                               {"name", "Proxied"},
                               {"organization_name", "Proxied Org"}},
                  {{"X-Forwarded-For", forwarded_for}});
  expect_status(r, 201, "register");
  c.set_bearer(std::string(r.json().at("access_token").as_string()));
  auto me = c.get("/api/v1/auth/me");
  std::string org = str(me.json().at("memberships").as_array().at(0), "org_id");
  auto audit = c.get("/api/v1/orgs/" + org + "/audit");
  for (const auto& e : audit.json().at("items").as_array()) {
    if (str(e, "action") == "auth.register") return str(e, "ip");
  }
  return "(no auth.register entry)";
}

TEST(ForwardedFor, BehindOneProxyTheAddressItAppendedCounts) {
  ServerProcess server(EnvVars{{"TRUSTED_PROXY_HOPS", "1"}});
  EXPECT_EQ(registered_from(server, "203.0.113.9"), "203.0.113.9");
  // What the client wrote before the proxy's entry is not believed.
  EXPECT_EQ(registered_from(server, "198.51.100.1, 203.0.113.9"), "203.0.113.9");
  EXPECT_EQ(registered_from(server, "not an address"), "127.0.0.1");
}

TEST(ForwardedFor, WithoutTrustedProxiesTheHeaderIsIgnored) {
  ServerProcess server;
  EXPECT_EQ(registered_from(server, "203.0.113.9"), "127.0.0.1");
}

TEST(ForwardedFor, TheLoginLockHoldsOneAddressNotEveryone) {
  ServerProcess server(EnvVars{{"TRUSTED_PROXY_HOPS", "1"}});
  HttpClient owner(server.base_url());
  auto user = register_user(owner, "lock");
  auto attempt = [&](const std::string& email, const std::string& password, const std::string& ip) {
    HttpClient c(server.base_url());
    return c
        .post("/api/v1/auth/login", json::object{{"email", email}, {"password", password}},
              {{"X-Forwarded-For", ip}})
        .status;
  };
  // Many failures from one address, over many accounts (so no account lock).
  long last = 0;
  for (int i = 0; i < 40 && last != 429; ++i) {
    last = attempt(unique_email("nobody"), "wrong password " + std::to_string(i), "203.0.113.66");
  }
  EXPECT_EQ(last, 429) << "one address failing again and again is locked out";
  EXPECT_EQ(attempt(user.email, user.password, "203.0.113.66"), 429);
  // Everyone else, behind the same proxy, signs in.
  EXPECT_EQ(attempt(user.email, user.password, "203.0.113.67"), 200);
}

}  // namespace
}  // namespace prism::testing
