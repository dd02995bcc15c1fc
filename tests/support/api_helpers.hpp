#pragma once

#include <string>

#include "support/http_client.hpp"

namespace prism::testing {

struct TestUser {
  std::string email;
  std::string password;
  std::string access_token;
  std::string user_id;
  std::string org_id;
};

// A unique address like "<prefix>-<random>@example.com".
std::string unique_email(const std::string& prefix);
// A random password that passes the password policy (long, not common).
std::string strong_password();

// Registers a new user with their own organization through the API
// (POST /api/v1/auth/register, then GET /api/v1/auth/me for the org id) and
// leaves `client` authenticated as that user (bearer token and refresh cookie).
// Throws with the response when any step does not answer as documented.
TestUser register_user(HttpClient& client, const std::string& email_prefix = "user",
                       const std::string& org_name = "Test Org");

// POST /api/v1/auth/login; sets the client's bearer token. Returns the token.
std::string login(HttpClient& client, const std::string& email, const std::string& password);

// Throws a runtime_error naming `what`, the status and body unless `r.status == expected`.
void expect_status(const HttpResponse& r, long expected, const std::string& what);

}  // namespace prism::testing
