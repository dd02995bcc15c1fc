#pragma once

#include <memory>
#include <string>

namespace prism::mail {

// One plain-text e-mail. `text` is UTF-8 with any line endings; the sender
// normalizes them to CRLF.
struct Message {
  std::string to;
  std::string subject;
  std::string text;
  // RFC 8058 one-click unsubscribe: the https URL a POST to which stops
  // this kind of e-mail (List-Unsubscribe and List-Unsubscribe-Post).
  std::string unsubscribe_url = {};
};

// Sends e-mail. Implementations may block (network I/O), so callers run
// send() on a worker thread, never on an I/O thread. Failures throw.
class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual void send(const Message& message) = 0;
};

// An SMTP mailer when `smtp_url` is set (smtp://user:pass@host:587 or
// smtps://host:465), otherwise a mailer that writes each message to the log so
// a developer without a mail server can still follow reset and invitation links.
std::unique_ptr<Mailer> make_mailer(const std::string& smtp_url, const std::string& from);

}  // namespace prism::mail
