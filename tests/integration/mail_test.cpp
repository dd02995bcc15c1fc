// SmtpMailer against a real SMTP server (the test sink): what arrives on the
// wire, authentication, rejection and a hung server.
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>

#include "mail/smtp_mailer.hpp"
#include "support/smtp_sink.hpp"

namespace prism {
namespace {

using testing::SmtpMessage;
using testing::SmtpSink;

bool any(const SmtpMessage&) { return true; }

TEST(MailIntegration, DeliversAWellFormedMessage) {
  SmtpSink sink;
  mail::SmtpMailer mailer(sink.url(), "PRISM <noreply@prism.test>");
  std::string text =
      "Hello Zoë,\n"
      ".a line starting with a dot\n"
      "..two dots\n"
      "Reset: https://prism.test/reset?token=abc_DEF-123\n";
  mailer.send({"zoe@example.com", "Réinitialiser votre mot de passe", text});

  auto msg = sink.wait_for_message(any, std::chrono::seconds(5));
  ASSERT_TRUE(msg);
  EXPECT_EQ(msg->from, "noreply@prism.test");
  ASSERT_EQ(msg->to.size(), 1u);
  EXPECT_EQ(msg->to[0], "zoe@example.com");
  EXPECT_EQ(msg->header("From"), "PRISM <noreply@prism.test>");
  EXPECT_EQ(msg->header("To"), "zoe@example.com");
  EXPECT_EQ(msg->decoded_header("Subject"), "Réinitialiser votre mot de passe");
  EXPECT_TRUE(msg->header("Subject").starts_with("=?UTF-8?B?"));
  EXPECT_EQ(msg->header("MIME-Version"), "1.0");
  EXPECT_EQ(msg->header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(msg->header("Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_FALSE(msg->header("Date").empty());
  EXPECT_TRUE(msg->header("Message-ID").ends_with("@prism.test>")) << msg->header("Message-ID");
  // Dot-stuffing by curl and unstuffing by the server must round-trip.
  EXPECT_EQ(msg->body(),
            "Hello Zoë,\r\n"
            ".a line starting with a dot\r\n"
            "..two dots\r\n"
            "Reset: https://prism.test/reset?token=abc_DEF-123\r\n");
}

TEST(MailIntegration, AsciiBodyIsSentUnencoded) {
  SmtpSink sink;
  mail::SmtpMailer mailer(sink.url(), "noreply@prism.test");
  mailer.send({"a@example.com", "Verify your e-mail", "Open https://prism.test/v?t=x\n"});
  auto msg = sink.wait_for_message(any, std::chrono::seconds(5));
  ASSERT_TRUE(msg);
  EXPECT_EQ(msg->header("Subject"), "Verify your e-mail");
  EXPECT_EQ(msg->header("Content-Transfer-Encoding"), "7bit");
  EXPECT_EQ(msg->body(), "Open https://prism.test/v?t=x\r\n");
}

TEST(MailIntegration, AuthenticatesWithCredentialsFromTheUrl) {
  SmtpSink sink;
  sink.require_credentials("mailer@prism.test", "p@ss:w/rd");
  std::string url =
      "smtp://mailer%40prism.test:p%40ss%3Aw%2Frd@127.0.0.1:" + std::to_string(sink.port());
  mail::SmtpMailer(url, "noreply@prism.test").send({"a@example.com", "s", "t"});
  auto msg = sink.wait_for_message(any, std::chrono::seconds(5));
  ASSERT_TRUE(msg);
  EXPECT_EQ(msg->auth_user, "mailer@prism.test");
  EXPECT_EQ(msg->auth_password, "p@ss:w/rd");
}

TEST(MailIntegration, WrongCredentialsFailWithoutLeakingThem) {
  SmtpSink sink;
  sink.require_credentials("mailer", "right-password");
  std::string url = "smtp://mailer:wrong-password-xyz@127.0.0.1:" + std::to_string(sink.port());
  mail::SmtpMailer mailer(url, "noreply@prism.test");
  try {
    mailer.send({"a@example.com", "s", "t"});
    FAIL() << "expected a delivery failure";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).find("wrong-password-xyz"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(sink.messages().empty());
}

TEST(MailIntegration, RejectionIsAnErrorAndTheNextMessageGoesThrough) {
  SmtpSink sink;
  sink.reject_next(1);
  mail::SmtpMailer mailer(sink.url(), "noreply@prism.test");
  try {
    mailer.send({"a@example.com", "first", "t"});
    FAIL() << "expected a delivery failure";
  } catch (const std::invalid_argument&) {
    FAIL() << "wrong exception type";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("554"), std::string::npos) << e.what();
  }
  mailer.send({"a@example.com", "second", "t"});
  auto msgs = sink.messages();
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(msgs[0].header("Subject"), "second");
}

TEST(MailIntegration, HeaderInjectionIsRefusedAndNothingIsSent) {
  SmtpSink sink;
  mail::SmtpMailer mailer(sink.url(), "noreply@prism.test");
  EXPECT_THROW(mailer.send({"a@example.com", "Hi\r\nBcc: victim@example.com", "t"}),
               std::invalid_argument);
  EXPECT_THROW(mailer.send({"a@example.com\r\nBcc: victim@example.com", "Hi", "t"}),
               std::invalid_argument);
  EXPECT_THROW(mailer.send({"a@example.com, victim@example.com", "Hi", "t"}),
               std::invalid_argument);
  EXPECT_FALSE(sink.wait_for_message(any, std::chrono::milliseconds(200)));
}

TEST(MailIntegration, HungServerTimesOut) {
  SmtpSink sink;
  sink.set_stall(true);
  mail::SmtpOptions opts;
  opts.connect_timeout = std::chrono::seconds(1);
  opts.total_timeout = std::chrono::seconds(1);
  mail::SmtpMailer mailer(sink.url(), "noreply@prism.test", opts);
  auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(mailer.send({"a@example.com", "s", "t"}), std::runtime_error);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace prism
