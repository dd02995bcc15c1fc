// Registration, forgot-password and invitation sends are limited per client
// IP and in total (issue 11, finding 5), through the real binary: the request
// after the limit answers 429 with Retry-After and the RateLimit headers, a
// second IP (127.0.0.2) goes on until the global limit, and forgot-password
// still answers unknown addresses like known ones.
#include <gtest/gtest.h>

#include "support/api_helpers.hpp"
#include "support/auth_fixture.hpp"
#include "support/org_helpers.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::HttpClient;
using testing::HttpResponse;

constexpr const char* kOtherIp = "127.0.0.2";

void expect_limited(const HttpResponse& r) {
  testing::expect_problem(r, 429, "rate_limited");
  ASSERT_FALSE(r.header("retry-after").empty()) << r.body;
  int wait = std::stoi(r.header("retry-after"));
  EXPECT_GE(wait, 1);
  EXPECT_LE(wait, 3600);
  EXPECT_FALSE(r.header("ratelimit-policy").empty());
  EXPECT_NE(r.header("ratelimit").find("remaining=0"), std::string::npos) << r.header("ratelimit");
}

HttpResponse register_from(const std::string& base, const std::string& ip) {
  HttpClient c(base);
  if (!ip.empty()) c.set_source_ip(ip);
  return c.post("/api/v1/auth/register", json::object{{"email", testing::unique_email("flood")},
                                                      {"password", testing::strong_password()},
                                                      {"name", "Flood"}});
}

HttpResponse forgot_from(const std::string& base, const std::string& ip, const std::string& email) {
  HttpClient c(base);
  if (!ip.empty()) c.set_source_ip(ip);
  return c.post("/api/v1/auth/password/forgot", json::object{{"email", email}});
}

TEST(AbuseLimits, RegistrationsArePerIpThenGlobal) {
  testing::ServerProcess server(
      {{"REGISTRATION_LIMIT_PER_IP_PER_HOUR", "3"}, {"REGISTRATION_LIMIT_PER_HOUR", "5"}});
  std::string base = server.base_url();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(register_from(base, "").status, 201) << i;
  expect_limited(register_from(base, ""));
  // Another address may still register, until the total for everyone is used.
  EXPECT_EQ(register_from(base, kOtherIp).status, 201);
  EXPECT_EQ(register_from(base, kOtherIp).status, 201);
  expect_limited(register_from(base, kOtherIp));
}

TEST(AbuseLimits, TheDefaultsStopARegistrationFlood) {
  testing::ServerProcess server(
      {{"REGISTRATION_LIMIT_PER_IP_PER_HOUR", ""}, {"REGISTRATION_LIMIT_PER_HOUR", ""}});
  std::string base = server.base_url();
  int created = 0;
  for (int i = 0; i < 40; ++i) {
    auto r = register_from(base, "");
    if (r.status == 201) {
      ++created;
    } else {
      expect_limited(r);
      break;
    }
  }
  EXPECT_LT(created, 40) << "40 registrations from one IP all succeeded";
}

TEST(AbuseLimits, ForgotPasswordIsLimitedWithoutRevealingAccounts) {
  testing::SmtpSink sink;
  testing::ServerProcess server({{"SMTP_URL", sink.url()},
                                 {"PASSWORD_RESET_LIMIT_PER_IP_PER_HOUR", "3"},
                                 {"PASSWORD_RESET_LIMIT_PER_HOUR", "5"}});
  std::string base = server.base_url();
  HttpClient c(base);
  auto user = testing::register_user(c, "forgot");
  auto known = forgot_from(base, "", user.email);
  auto unknown = forgot_from(base, "", "nobody-here@example.com");
  EXPECT_EQ(known.status, 202) << known.body;
  EXPECT_EQ(unknown.status, 202) << unknown.body;
  EXPECT_EQ(known.body, unknown.body);
  EXPECT_EQ(forgot_from(base, "", "nobody-else@example.com").status, 202);
  // The limit counts requests, whatever the address: the 429 says nothing of it.
  expect_limited(forgot_from(base, "", user.email));
  expect_limited(forgot_from(base, "", "nobody-here@example.com"));
  EXPECT_EQ(forgot_from(base, kOtherIp, user.email).status, 202);
  EXPECT_EQ(forgot_from(base, kOtherIp, "nobody-here@example.com").status, 202);
  expect_limited(forgot_from(base, kOtherIp, user.email));
}

TEST(AbuseLimits, InvitationSendsArePerIpThenGlobal) {
  testing::SmtpSink sink;
  testing::ServerProcess server({{"SMTP_URL", sink.url()},
                                 {"INVITATION_LIMIT_PER_IP_PER_HOUR", "2"},
                                 {"INVITATION_LIMIT_PER_HOUR", "3"}});
  std::string base = server.base_url();
  HttpClient admin(base), other_ip(base);
  auto owner = testing::register_user(admin, "inviter");
  other_ip.set_source_ip(kOtherIp);
  other_ip.set_bearer(owner.access_token);
  auto invite = [&](HttpClient& c) {
    return c.post("/api/v1/orgs/" + owner.org_id + "/invitations",
                  json::object{{"email", testing::unique_email("guest")}, {"role", "member"}});
  };
  EXPECT_EQ(invite(admin).status, 201);
  EXPECT_EQ(invite(admin).status, 201);
  expect_limited(invite(admin));
  EXPECT_EQ(invite(other_ip).status, 201);
  expect_limited(invite(other_ip));
}

}  // namespace
}  // namespace prism
