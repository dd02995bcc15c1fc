#pragma once

#include <string>

#include "mail/mailer.hpp"

namespace prism::mail {

// Used when SMTP_URL is unset: logs the whole message at info level, including
// any link it carries, instead of delivering it.
class LogMailer final : public Mailer {
 public:
  explicit LogMailer(std::string from);
  void send(const Message& message) override;

 private:
  std::string from_;
};

}  // namespace prism::mail
