#pragma once

#include <string>

#include "support/http_client.hpp"
#include "support/smtp_sink.hpp"

namespace prism::testing {

// Waits for the verification e-mail the server sent to `email` and opens its
// link through `client` (POST /api/v1/auth/verify-email), as the owner of the
// mailbox would. Throws when no e-mail arrives or the server refuses the link.
void confirm_email(HttpClient& client, SmtpSink& sink, const std::string& email);

// Waits for the password-reset e-mail to `email` and returns its link token;
// throws when none arrives.
std::string reset_token_for(SmtpSink& sink, const std::string& email);

}  // namespace prism::testing
