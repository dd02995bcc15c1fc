#pragma once

#include <array>
#include <string_view>

namespace prism::cache::keys {

// Every key PRISM writes to the cache starts with one of these, so that
// `prism cache clear` can clear one kind without touching the others (or
// anything else a shared Redis holds).
inline constexpr std::string_view kGeneration = "gen:";          // AI answers by input
inline constexpr std::string_view kRequestLimit = "ratelimit:";  // RequestLimiter (GCRA)
inline constexpr std::string_view kGenerationRate = "genrate:";  // generations per user and hour
inline constexpr std::string_view kResetMail = "reset-mail:";    // reset e-mails per account
inline constexpr std::string_view kVerifyMail = "verify-mail:";  // verification e-mails per account
inline constexpr std::string_view kLoginThrottle = "throttle:login:";  // failed sign-ins

// The prefixes of everything that limits or throttles requests.
inline constexpr std::array<std::string_view, 5> kRateLimits{
    kRequestLimit, kGenerationRate, kResetMail, kVerifyMail, kLoginThrottle};

}  // namespace prism::cache::keys
