#pragma once

#include <map>
#include <string>

namespace prism::config {

// A limit per client address and one in total, per hour; 0 turns it off.
struct HourlyLimit {
  int per_ip = 0;
  int total = 0;
};

// Requests that create accounts or send e-mail, limited so that nobody can
// mass-register accounts, enumerate addresses or make PRISM send mail in bulk.
// The defaults stop a flood from one address at once and cap a spread-out
// one; a deployment expecting more sign-ups raises them.
struct AbuseLimits {
  HourlyLimit registrations{10, 500};    // REGISTRATION_LIMIT_PER_IP_PER_HOUR, _PER_HOUR
  HourlyLimit password_resets{10, 500};  // PASSWORD_RESET_LIMIT_PER_IP_PER_HOUR, _PER_HOUR
  HourlyLimit invitations{60, 1000};     // INVITATION_LIMIT_PER_IP_PER_HOUR, _PER_HOUR
};

AbuseLimits load_abuse_limits(const std::map<std::string, std::string>& env);
// `NAME=value` lines for the effective limits.
std::string describe(const AbuseLimits& limits);

}  // namespace prism::config
