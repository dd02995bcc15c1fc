// E-mail flows through the real binary and a real SMTP server (the sink):
// forgot/reset password without account enumeration, e-mail verification,
// and sign-in gated on verification when the deployment requires it.
#include <gtest/gtest.h>

#include "support/auth_fixture.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;
using testing::AuthFixture;
using testing::expect_problem;
using testing::HttpClient;
using testing::link_token;
using testing::SmtpMessage;

auto mail_to(const std::string& email, const std::string& subject_part) {
  return [=](const SmtpMessage& m) {
    return !m.to.empty() && m.to[0] == email &&
           m.decoded_header("Subject").find(subject_part) != std::string::npos;
  };
}

class AuthMail : public AuthFixture {};

TEST_F(AuthMail, ForgotAnswersTheSameForKnownAndUnknownAddresses) {
  HttpClient c(base());
  auto user = testing::register_user(c, "forgot");
  HttpClient anonymous(base());
  auto known = anonymous.post("/api/v1/auth/password/forgot", json::object{{"email", user.email}});
  auto unknown = anonymous.post("/api/v1/auth/password/forgot",
                                json::object{{"email", "no-such-user@example.com"}});
  EXPECT_EQ(known.status, 202) << known.body;
  EXPECT_EQ(unknown.status, 202) << unknown.body;
  EXPECT_EQ(known.body, unknown.body);
  EXPECT_EQ(known.header("content-type"), unknown.header("content-type"));

  ASSERT_TRUE(sink_.wait_for_message(mail_to(user.email, "Reset"), 10s));
  EXPECT_FALSE(sink_.wait_for_message(
      [](const SmtpMessage& m) { return m.to[0] == "no-such-user@example.com"; }, 300ms));
  expect_problem(anonymous.post("/api/v1/auth/password/forgot", json::object{{"email", "nope"}}),
                 422, "validation_failed");
}

TEST_F(AuthMail, ResetPasswordIsSingleUseAndEndsEverySession) {
  HttpClient laptop(base()), phone(base());
  auto user = testing::register_user(laptop, "reset");
  testing::login(phone, user.email, user.password);

  HttpClient anonymous(base());
  ASSERT_EQ(
      anonymous.post("/api/v1/auth/password/forgot", json::object{{"email", user.email}}).status,
      202);
  auto mail = sink_.wait_for_message(mail_to(user.email, "Reset"), 10s);
  ASSERT_TRUE(mail);
  std::string body = mail->body();
  // PUBLIC_URL defaults to http://localhost:<port>.
  EXPECT_NE(body.find(":" + std::to_string(server_->port()) + "/reset-password?token="),
            std::string::npos)
      << body;
  std::string token = link_token(body);
  ASSERT_FALSE(token.empty()) << body;

  expect_problem(anonymous.post("/api/v1/auth/password/reset",
                                json::object{{"token", token}, {"new_password", "aaaaaaaaaaaa"}}),
                 422, "validation_failed");
  std::string next = testing::strong_password();
  auto reset = anonymous.post("/api/v1/auth/password/reset",
                              json::object{{"token", token}, {"new_password", next}});
  ASSERT_EQ(reset.status, 204) << reset.body;

  expect_problem(laptop.get("/api/v1/auth/me"), 401, "unauthorized");
  expect_problem(phone.get("/api/v1/auth/me"), 401, "unauthorized");
  expect_problem(phone.post("/api/v1/auth/refresh", json::object{}), 401, "unauthorized");
  expect_problem(
      anonymous.post("/api/v1/auth/password/reset",
                     json::object{{"token", token}, {"new_password", testing::strong_password()}}),
      410, "gone");
  HttpClient fresh(base());
  expect_problem(fresh.post("/api/v1/auth/login",
                            json::object{{"email", user.email}, {"password", user.password}}),
                 401, "unauthorized");
  testing::login(fresh, user.email, next);
  // Receiving the link proved the address.
  EXPECT_TRUE(fresh.get("/api/v1/auth/me").json().at("user").at("email_verified").as_bool());
}

TEST_F(AuthMail, BogusResetAndVerifyTokensAreGone) {
  HttpClient c(base());
  expect_problem(c.post("/api/v1/auth/password/reset",
                        json::object{{"token", std::string(43, 'A')},
                                     {"new_password", testing::strong_password()}}),
                 410, "gone");
  expect_problem(c.post("/api/v1/auth/verify-email", json::object{{"token", "x"}}), 410, "gone");
  expect_problem(c.post("/api/v1/auth/verify-email", json::object{}), 422, "validation_failed");
}

TEST_F(AuthMail, RegistrationSendsAVerificationLink) {
  HttpClient c(base());
  auto user = testing::register_user(c, "verify");
  auto mail = sink_.wait_for_message(mail_to(user.email, "Confirm"), 10s);
  ASSERT_TRUE(mail);
  std::string token = link_token(mail->body());
  ASSERT_FALSE(token.empty()) << mail->body();
  EXPECT_FALSE(c.get("/api/v1/auth/me").json().at("user").at("email_verified").as_bool());
  auto verify = c.post("/api/v1/auth/verify-email", json::object{{"token", token}});
  EXPECT_EQ(verify.status, 204) << verify.body;
  EXPECT_TRUE(c.get("/api/v1/auth/me").json().at("user").at("email_verified").as_bool());
  expect_problem(c.post("/api/v1/auth/verify-email", json::object{{"token", token}}), 410, "gone");
}

class AuthMailVerificationRequired : public AuthFixture {
 protected:
  testing::EnvVars extra_env() const override { return {{"EMAIL_VERIFICATION_REQUIRED", "true"}}; }
};

TEST_F(AuthMailVerificationRequired, SignInWaitsForTheVerifiedAddress) {
  HttpClient c(base());
  std::string email = testing::unique_email("gated");
  std::string password = testing::strong_password();
  auto reg = c.post("/api/v1/auth/register",
                    json::object{{"email", email}, {"password", password}, {"name", "Grace"}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  EXPECT_FALSE(reg.json().as_object().contains("access_token")) << reg.body;
  EXPECT_TRUE(reg.header("set-cookie").empty());

  auto login = c.post("/api/v1/auth/login", json::object{{"email", email}, {"password", password}});
  expect_problem(login, 403, "email_not_verified");
  // A wrong password still says only "incorrect".
  expect_problem(
      c.post("/api/v1/auth/login", json::object{{"email", email}, {"password", "wrong pw 12345"}}),
      401, "unauthorized");

  auto mail = sink_.wait_for_message(mail_to(email, "Confirm"), 10s);
  ASSERT_TRUE(mail);
  ASSERT_EQ(
      c.post("/api/v1/auth/verify-email", json::object{{"token", link_token(mail->body())}}).status,
      204);
  EXPECT_FALSE(testing::login(c, email, password).empty());
}

}  // namespace
}  // namespace prism
