#include "config/abuse_limits.hpp"

#include "config/env_values.hpp"

namespace prism::config {

namespace {

constexpr int kMaxPerHour = 1'000'000;

struct LimitNames {
  const char* per_ip;
  const char* total;
};

constexpr LimitNames kRegistrations{"REGISTRATION_LIMIT_PER_IP_PER_HOUR",
                                    "REGISTRATION_LIMIT_PER_HOUR"};
constexpr LimitNames kPasswordResets{"PASSWORD_RESET_LIMIT_PER_IP_PER_HOUR",
                                     "PASSWORD_RESET_LIMIT_PER_HOUR"};
constexpr LimitNames kInvitations{"INVITATION_LIMIT_PER_IP_PER_HOUR", "INVITATION_LIMIT_PER_HOUR"};

HourlyLimit load(const Env& env, const LimitNames& names, HourlyLimit fallback) {
  return {env_int(env, names.per_ip, fallback.per_ip, 0, kMaxPerHour),
          env_int(env, names.total, fallback.total, 0, kMaxPerHour)};
}

std::string describe(const LimitNames& names, const HourlyLimit& limit) {
  auto value = [](int n) { return n == 0 ? std::string("0 (off)") : std::to_string(n); };
  return std::string(names.per_ip) + "=" + value(limit.per_ip) + "\n" + names.total + "=" +
         value(limit.total) + "\n";
}

}  // namespace

AbuseLimits load_abuse_limits(const Env& env) {
  AbuseLimits defaults;
  return {load(env, kRegistrations, defaults.registrations),
          load(env, kPasswordResets, defaults.password_resets),
          load(env, kInvitations, defaults.invitations)};
}

std::string describe(const AbuseLimits& l) {
  return describe(kRegistrations, l.registrations) + describe(kPasswordResets, l.password_resets) +
         describe(kInvitations, l.invitations);
}

}  // namespace prism::config
