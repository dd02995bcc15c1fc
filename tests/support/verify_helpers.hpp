#pragma once

#include <string>

#include "support/http_client.hpp"
#include "support/smtp_sink.hpp"

namespace prism::testing {

// Reads the verification link registration mailed to `email` from the sink
// and posts its token to /auth/verify-email as `client`, as the account's
// owner would by following the link. Throws when no such e-mail arrives or
// the server refuses the token. Servers with SMTP configured let only
// verified accounts start AI generations.
void verify_email(HttpClient& client, SmtpSink& sink, const std::string& email);

}  // namespace prism::testing
