#include "mail/log_mailer.hpp"

#include <spdlog/spdlog.h>

#include "mail/mime_message.hpp"

namespace prism::mail {

LogMailer::LogMailer(std::string from) : from_(std::move(from)) {}

void LogMailer::send(const Message& message) {
  // The same checks as the SMTP path, so a bad address fails in development too.
  check_header_value("to", message.to);
  check_header_value("subject", message.subject);
  spdlog::info("mail not sent (SMTP_URL is not set): from={} to={} subject={}\n{}", from_,
               message.to, message.subject, message.text);
}

}  // namespace prism::mail
