#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <string>

#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/smtp_sink.hpp"

namespace prism::testing {

// The base of invitation links when the server runs with PUBLIC_URL=kTestPublicUrl.
inline constexpr const char* kTestPublicUrl = "http://prism.test";

// One server per test suite, with an SMTP sink for invitation e-mail and
// PUBLIC_URL=kTestPublicUrl; every test registers its own users, so tests
// stay independent while sharing the server.
class OrgApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  // A newly registered user with their own organization ("<prefix> org"),
  // and a client signed in as them.
  std::pair<TestUser, std::unique_ptr<HttpClient>> user(const std::string& prefix);
  std::unique_ptr<HttpClient> anonymous_client();

  static std::unique_ptr<SmtpSink> sink_;
  static std::unique_ptr<ServerProcess> server_;
};

// Waits for the invitation e-mail to `email` (other mail to it is skipped).
std::optional<SmtpMessage> wait_for_invitation(SmtpSink& sink, const std::string& email);

// Waits for the invitation e-mail to `email` and returns the token of its
// PUBLIC_URL/invitations/<token> link; throws when none arrives.
std::string invitation_token_for(SmtpSink& sink, const std::string& email);

// `admin` invites `user` into `org_id` with `role`, the invitation e-mail is
// read from the sink, and `as_user` (authenticated as `user`) accepts it.
void invite_and_accept(HttpClient& admin, SmtpSink& sink, const std::string& org_id,
                       const TestUser& user, HttpClient& as_user, const std::string& role);

// POST /orgs/{org}/projects as `client`; returns the project id (throws unless 201).
std::string create_project(HttpClient& client, const std::string& org_id, const std::string& name,
                           const std::string& key);

// Checks status, the problem+json content type and, when given, the `code`;
// failures are reported as non-fatal GoogleTest failures with the body.
void expect_error(const HttpResponse& r, long status, const std::string& code = "");
// Whether a 422 problem lists an error for `field`.
bool has_error_for(const HttpResponse& r, const std::string& field);

// A field of a JSON object as a string ("" when missing or not a string).
std::string str(const boost::json::value& v, const char* field);

}  // namespace prism::testing
