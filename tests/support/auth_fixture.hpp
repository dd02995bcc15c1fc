#pragma once

// Shared pieces of the auth integration tests: a server with a known JWT
// secret and an SMTP sink, and small helpers to read auth responses.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/smtp_sink.hpp"

namespace prism::testing {

// Every test gets its own server (and so its own login throttle state) with
// a JWT secret the test knows, so it can forge tokens signed with the real key.
class AuthFixture : public ::testing::Test {
 protected:
  static constexpr const char* kJwtSecret = "integration-test-jwt-secret-0123456789abcdef";

  void SetUp() override;
  virtual EnvVars extra_env() const { return {}; }

  std::string base() const { return server_->base_url(); }
  std::unique_ptr<HttpClient> new_client() const {
    return std::make_unique<HttpClient>(server_->base_url());
  }

  SmtpSink sink_;
  std::unique_ptr<ServerProcess> server_;
};

// Asserts a problem+json answer with this status and machine code.
void expect_problem(const HttpResponse& r, long status, const std::string& code);

// The value of the prism_refresh cookie set by `r`, "" when none.
std::string refresh_cookie_of(const HttpResponse& r);

// The `token=` parameter of the first link in an e-mail body.
std::string link_token(const std::string& body);

// An access token built by hand: `header` and `payload` are JSON text,
// signed with HMAC-SHA256 under `secret`.
std::string forge_jwt(const std::string& header, const std::string& payload,
                      const std::string& secret);

}  // namespace prism::testing
