#pragma once

#include <chrono>
#include <string>

#include "mail/mailer.hpp"

namespace prism::mail {

struct SmtpOptions {
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds total_timeout{30};
};

// Delivers mail through an SMTP relay with libcurl.
//  smtp://[user:pass@]host[:port]   STARTTLS when offered; required when the URL
//                                   carries credentials and the host is not loopback
//  smtps://[user:pass@]host[:port]  implicit TLS
// TLS peers are always verified. send() blocks; it is safe to call from
// several threads at once (each call uses its own connection).
class SmtpMailer final : public Mailer {
 public:
  // Throws std::invalid_argument for a malformed URL or sender address.
  SmtpMailer(std::string smtp_url, std::string from, SmtpOptions options = SmtpOptions());
  // Throws std::invalid_argument for a bad recipient or a header injection
  // attempt, std::runtime_error when delivery fails. No message ever contains
  // the credentials of the URL.
  void send(const Message& message) override;

 private:
  std::string redact(std::string text) const;

  std::string url_;
  std::string from_;
  std::string envelope_from_;
  std::string endpoint_;  // scheme://host:port, for error messages
  std::string user_;
  std::string password_;
  bool require_tls_ = false;
  SmtpOptions options_;
};

}  // namespace prism::mail
