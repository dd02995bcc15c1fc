#include "mail/mailer.hpp"

#include "mail/log_mailer.hpp"
#include "mail/smtp_mailer.hpp"

namespace prism::mail {

std::unique_ptr<Mailer> make_mailer(const std::string& smtp_url, const std::string& from) {
  if (smtp_url.empty()) return std::make_unique<LogMailer>(from);
  return std::make_unique<SmtpMailer>(smtp_url, from);
}

}  // namespace prism::mail
