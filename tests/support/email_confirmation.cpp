#include "support/email_confirmation.hpp"

#include <chrono>
#include <stdexcept>

#include "support/api_helpers.hpp"
#include "support/auth_fixture.hpp"

namespace prism::testing {
namespace {

std::string link_in_mail(SmtpSink& sink, const std::string& email, const std::string& subject) {
  auto mail = sink.wait_for_message(
      [&](const SmtpMessage& m) {
        return !m.to.empty() && m.to[0] == email &&
               m.decoded_header("Subject").find(subject) != std::string::npos;
      },
      std::chrono::seconds(10));
  if (!mail) throw std::runtime_error("no \"" + subject + "\" e-mail reached " + email);
  std::string token = link_token(mail->body());
  if (token.empty()) throw std::runtime_error("no link in the e-mail: " + mail->body());
  return token;
}

}  // namespace

void confirm_email(HttpClient& client, SmtpSink& sink, const std::string& email) {
  std::string token = link_in_mail(sink, email, "Confirm");
  expect_status(client.post("/api/v1/auth/verify-email", boost::json::object{{"token", token}}),
                204, "POST /api/v1/auth/verify-email");
}

std::string reset_token_for(SmtpSink& sink, const std::string& email) {
  return link_in_mail(sink, email, "Reset");
}

}  // namespace prism::testing
