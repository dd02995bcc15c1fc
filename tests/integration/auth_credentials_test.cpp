// Which credentials outlive a password reset or change (issue 11, finding 2),
// through the real binary: a reset ends every session, refresh family and
// personal API token; a change ends the other sessions and the tokens unless
// the request asks to keep them; an account whose address is unconfirmed
// cannot make personal tokens where e-mail can be confirmed (SMTP set). The
// pre-hijack of the issue is played end to end, with and without SMTP.
#include <gtest/gtest.h>

#include <thread>

#include "support/auth_fixture.hpp"
#include "support/email_confirmation.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using testing::AuthFixture;
using testing::expect_problem;
using testing::HttpClient;

std::string create_token(HttpClient& c, const std::string& name = "ci") {
  auto r = c.post("/api/v1/auth/tokens", json::object{{"name", name}});
  testing::expect_status(r, 201, "POST /api/v1/auth/tokens");
  return std::string(r.json().at("token").as_string());
}

long me_status(const std::string& base, const std::string& bearer) {
  HttpClient c(base);
  c.set_bearer(bearer);
  return c.get("/api/v1/auth/me").status;
}

std::vector<std::string> audit_actions(HttpClient& c, const std::string& org_id) {
  auto r = c.get("/api/v1/orgs/" + org_id + "/audit?limit=100");
  testing::expect_status(r, 200, "GET audit");
  std::vector<std::string> out;
  for (const auto& e : r.json().at("items").as_array()) {
    out.emplace_back(e.at("action").as_string());
  }
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void reset_password(const std::string& base, testing::SmtpSink& sink, const std::string& email,
                    const std::string& next) {
  HttpClient anonymous(base);
  testing::expect_status(
      anonymous.post("/api/v1/auth/password/forgot", json::object{{"email", email}}), 202,
      "forgot");
  std::string token = testing::reset_token_for(sink, email);
  testing::expect_status(anonymous.post("/api/v1/auth/password/reset",
                                        json::object{{"token", token}, {"new_password", next}}),
                         204, "reset");
}

class Credentials : public AuthFixture {};

TEST_F(Credentials, AResetEndsEverySessionRefreshFamilyAndPersonalToken) {
  HttpClient laptop(base()), phone(base());
  auto user = testing::register_user(laptop, "reset-all");
  testing::confirm_email(laptop, sink_, user.email);
  testing::login(phone, user.email, user.password);
  std::string ci = create_token(laptop, "ci");
  std::string backup = create_token(phone, "backup");
  ASSERT_EQ(me_status(base(), ci), 200);

  std::string next = testing::strong_password();
  reset_password(base(), sink_, user.email, next);

  EXPECT_EQ(me_status(base(), ci), 401) << "a personal token survived the reset";
  EXPECT_EQ(me_status(base(), backup), 401) << "a personal token survived the reset";
  expect_problem(laptop.get("/api/v1/auth/me"), 401, "unauthorized");
  expect_problem(phone.post("/api/v1/auth/refresh", json::object{}), 401, "unauthorized");

  HttpClient fresh(base());
  testing::login(fresh, user.email, next);
  auto list = fresh.get("/api/v1/auth/tokens");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_TRUE(list.json().at("items").as_array().empty()) << list.body;
  auto actions = audit_actions(fresh, user.org_id);
  EXPECT_TRUE(contains(actions, "auth.api_token_revoked")) << "every revocation is audited";
  EXPECT_TRUE(contains(actions, "auth.sessions_revoked"));
}

TEST_F(Credentials, AnUnconfirmedAccountCannotCreatePersonalTokens) {
  HttpClient c(base());
  auto user = testing::register_user(c, "unconfirmed");
  auto refused = c.post("/api/v1/auth/tokens", json::object{{"name", "ci"}});
  expect_problem(refused, 403, "email_not_verified");
  EXPECT_NE(refused.json().at("detail").as_string().find("confirm"), json::string::npos)
      << refused.body;
  testing::confirm_email(c, sink_, user.email);
  EXPECT_FALSE(create_token(c).empty());
}

TEST_F(Credentials, APasswordChangeRevokesPersonalTokensAndOtherSessionsByDefault) {
  HttpClient laptop(base()), phone(base());
  auto user = testing::register_user(laptop, "change");
  testing::confirm_email(laptop, sink_, user.email);
  testing::login(phone, user.email, user.password);
  std::string ci = create_token(laptop);

  auto changed = laptop.post("/api/v1/auth/password",
                             json::object{{"current_password", user.password},
                                          {"new_password", testing::strong_password()}});
  ASSERT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(me_status(base(), ci), 401) << "the personal token survived the change";
  expect_problem(phone.get("/api/v1/auth/me"), 401, "unauthorized");
  EXPECT_EQ(laptop.get("/api/v1/auth/me").status, 200) << "the session that changed it stays";
}

TEST_F(Credentials, APasswordChangeKeepsPersonalTokensOnlyWhenExplicitlyAsked) {
  HttpClient laptop(base()), phone(base());
  auto user = testing::register_user(laptop, "keep");
  testing::confirm_email(laptop, sink_, user.email);
  testing::login(phone, user.email, user.password);
  std::string ci = create_token(laptop);

  expect_problem(laptop.post("/api/v1/auth/password",
                             json::object{{"current_password", user.password},
                                          {"new_password", testing::strong_password()},
                                          {"keep_api_tokens", "yes"}}),
                 422, "validation_failed");
  auto changed = laptop.post("/api/v1/auth/password",
                             json::object{{"current_password", user.password},
                                          {"new_password", testing::strong_password()},
                                          {"keep_api_tokens", true}});
  ASSERT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(me_status(base(), ci), 200) << "kept on request";
  expect_problem(phone.get("/api/v1/auth/me"), 401, "unauthorized");
}

// The attack of the issue where SMTP is configured: the attacker cannot make
// a personal token for the address they do not own, and the owner's reset
// throws them out.
TEST_F(Credentials, PreHijackWithSmtpLeavesTheAttackerNothing) {
  HttpClient attacker(base());
  std::string victim = testing::unique_email("victim");
  std::string password = testing::strong_password();
  auto reg = attacker.post("/api/v1/auth/register",
                           json::object{{"email", victim}, {"password", password}, {"name", "V"}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  attacker.set_bearer(std::string(reg.json().at("access_token").as_string()));
  expect_problem(attacker.post("/api/v1/auth/tokens", json::object{{"name", "backdoor"}}), 403,
                 "email_not_verified");

  reset_password(base(), sink_, victim, testing::strong_password());
  expect_problem(attacker.get("/api/v1/auth/me"), 401, "unauthorized");
  expect_problem(attacker.post("/api/v1/auth/refresh", json::object{}), 401, "unauthorized");
}

// Without SMTP no address can be confirmed, so accounts may make tokens, and
// the reset (its link read from the log, where e-mails go) must end them.
class PreHijackWithoutSmtp : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<testing::ServerProcess>(
        testing::EnvVars{{"LOG_LEVEL", "info"}, {"LOG_FORMAT", "text"}});
  }

  // The token of the newest reset link the log shows for `email`.
  std::string reset_token_from_log(const std::string& email) {
    for (int i = 0; i < 100; ++i) {
      std::string log = server_->log();
      auto mail = log.rfind("to=" + email + " subject=Reset");
      if (mail != std::string::npos) {
        auto at = log.find("reset-password?token=", mail);
        if (at != std::string::npos) {
          at += std::string("reset-password?token=").size();
          return log.substr(at, log.find_first_of(" \r\n", at) - at);
        }
      }
      std::this_thread::sleep_for(100ms);
    }
    throw std::runtime_error("no reset link in the log:\n" + server_->log_tail());
  }

  std::unique_ptr<testing::ServerProcess> server_;
};

TEST_F(PreHijackWithoutSmtp, TheOwnersResetKillsTheAttackersPersonalToken) {
  std::string base = server_->base_url();
  HttpClient attacker(base);
  std::string victim = testing::unique_email("victim");
  auto reg =
      attacker.post("/api/v1/auth/register", json::object{{"email", victim},
                                                          {"password", testing::strong_password()},
                                                          {"name", "Victim"}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  attacker.set_bearer(std::string(reg.json().at("access_token").as_string()));
  std::string pat = create_token(attacker, "backdoor");
  ASSERT_EQ(me_status(base, pat), 200);

  // The owner cannot register, so they reset the password.
  HttpClient owner(base);
  EXPECT_EQ(
      owner
          .post("/api/v1/auth/register",
                json::object{
                    {"email", victim}, {"password", testing::strong_password()}, {"name", "Owner"}})
          .status,
      409);
  ASSERT_EQ(owner.post("/api/v1/auth/password/forgot", json::object{{"email", victim}}).status,
            202);
  std::string next = testing::strong_password();
  auto reset =
      owner.post("/api/v1/auth/password/reset",
                 json::object{{"token", reset_token_from_log(victim)}, {"new_password", next}});
  ASSERT_EQ(reset.status, 204) << reset.body;

  EXPECT_EQ(me_status(base, pat), 401) << "the attacker's personal token survived the reset";
  expect_problem(attacker.get("/api/v1/auth/me"), 401, "unauthorized");
  testing::login(owner, victim, next);
  EXPECT_EQ(owner.get("/api/v1/auth/me").status, 200);
}

}  // namespace
}  // namespace prism
