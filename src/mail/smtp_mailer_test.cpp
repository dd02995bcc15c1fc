#include "mail/smtp_mailer.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "mail/log_mailer.hpp"

namespace prism::mail {
namespace {

TEST(SmtpMailer, RejectsBadConfiguration) {
  EXPECT_THROW(SmtpMailer("http://mail.example.com", "a@b.c"), std::invalid_argument);
  EXPECT_THROW(SmtpMailer("not a url", "a@b.c"), std::invalid_argument);
  EXPECT_THROW(SmtpMailer("smtp://mail.example.com", "not-an-address"), std::invalid_argument);
  EXPECT_NO_THROW(SmtpMailer("smtps://u:p@mail.example.com:465", "PRISM <a@b.c>"));
}

TEST(SmtpMailer, ConfigErrorsDoNotEchoTheUrl) {
  try {
    SmtpMailer("imap://user:hunter2secret@mail.example.com", "a@b.c");
    FAIL() << "expected an exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()).find("hunter2secret"), std::string::npos);
  }
}

TEST(SmtpMailer, RefusesHeaderInjectionBeforeConnecting) {
  // Port 9 on loopback is closed; the refusal must come before any connection.
  SmtpMailer mailer("smtp://127.0.0.1:9", "a@b.c");
  EXPECT_THROW(mailer.send({"x@y.z\r\nBcc: v@w.x", "s", "t"}), std::invalid_argument);
  EXPECT_THROW(mailer.send({"x@y.z", "s\nBcc: v@w.x", "t"}), std::invalid_argument);
}

TEST(SmtpMailer, ConnectionFailureIsARuntimeErrorWithoutCredentials) {
  SmtpMailer mailer("smtp://someuser:hunter2secret@127.0.0.1:9", "a@b.c");
  try {
    mailer.send({"x@y.z", "s", "t"});
    FAIL() << "expected an exception";
  } catch (const std::invalid_argument&) {
    FAIL() << "wrong exception type";
  } catch (const std::runtime_error& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("smtp://127.0.0.1:9"), std::string::npos) << what;
    EXPECT_EQ(what.find("hunter2secret"), std::string::npos) << what;
    EXPECT_EQ(what.find("someuser"), std::string::npos) << what;
  }
}

TEST(MakeMailer, ChoosesByUrl) {
  EXPECT_NE(dynamic_cast<LogMailer*>(make_mailer("", "a@b.c").get()), nullptr);
  EXPECT_NE(dynamic_cast<SmtpMailer*>(make_mailer("smtp://localhost:2525", "a@b.c").get()),
            nullptr);
}

TEST(LogMailer, AcceptsMessagesAndRefusesInjection) {
  LogMailer mailer("a@b.c");
  EXPECT_NO_THROW(mailer.send({"x@y.z", "Subject", "https://link"}));
  EXPECT_THROW(mailer.send({"x@y.z", "a\r\nb", "t"}), std::invalid_argument);
}

}  // namespace
}  // namespace prism::mail
