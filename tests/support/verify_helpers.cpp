#include "support/verify_helpers.hpp"

#include <boost/json.hpp>
#include <stdexcept>

#include "support/api_helpers.hpp"

namespace prism::testing {

void verify_email(HttpClient& client, SmtpSink& sink, const std::string& email) {
  const std::string key = "/verify-email?token=";
  auto mail = sink.wait_for_message([&](const SmtpMessage& m) {
    return !m.to.empty() && m.to[0] == email && m.body().find(key) != std::string::npos;
  });
  if (!mail) throw std::runtime_error("no verification e-mail arrived for " + email);
  std::string body = mail->body();
  auto start = body.find(key) + key.size();
  auto end = body.find_first_of(" \r\n", start);
  std::string token =
      body.substr(start, end == std::string::npos ? std::string::npos : end - start);
  expect_status(client.post("/api/v1/auth/verify-email", boost::json::object{{"token", token}}),
                204, "POST /api/v1/auth/verify-email for " + email);
}

}  // namespace prism::testing
