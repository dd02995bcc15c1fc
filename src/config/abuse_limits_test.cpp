#include "config/abuse_limits.hpp"

#include <gtest/gtest.h>

#include "config/config_error.hpp"

namespace prism::config {
namespace {

TEST(AbuseLimits, DefaultsProtectOutOfTheBox) {
  AbuseLimits l = load_abuse_limits({});
  EXPECT_EQ(l.registrations.per_ip, 10);
  EXPECT_EQ(l.registrations.total, 500);
  EXPECT_EQ(l.password_resets.per_ip, 10);
  EXPECT_EQ(l.password_resets.total, 500);
  EXPECT_EQ(l.invitations.per_ip, 60);
  EXPECT_EQ(l.invitations.total, 1000);
  EXPECT_NE(describe(l).find("REGISTRATION_LIMIT_PER_IP_PER_HOUR=10\n"), std::string::npos);
}

TEST(AbuseLimits, EachLimitIsSetOrTurnedOffByItsVariable) {
  AbuseLimits l = load_abuse_limits({{"REGISTRATION_LIMIT_PER_IP_PER_HOUR", "3"},
                                     {"PASSWORD_RESET_LIMIT_PER_HOUR", "0"},
                                     {"INVITATION_LIMIT_PER_IP_PER_HOUR", "7"}});
  EXPECT_EQ(l.registrations.per_ip, 3);
  EXPECT_EQ(l.registrations.total, 500);
  EXPECT_EQ(l.password_resets.total, 0);
  EXPECT_EQ(l.invitations.per_ip, 7);
  EXPECT_NE(describe(l).find("PASSWORD_RESET_LIMIT_PER_HOUR=0 (off)\n"), std::string::npos);
}

TEST(AbuseLimits, ANegativeOrNonNumericLimitStopsStartUp) {
  for (const char* bad : {"-1", "ten", "1e3", "2000000"}) {
    try {
      load_abuse_limits({{"INVITATION_LIMIT_PER_HOUR", bad}});
      ADD_FAILURE() << bad << " was accepted";
    } catch (const ConfigError& e) {
      EXPECT_EQ(e.variable(), "INVITATION_LIMIT_PER_HOUR");
    }
  }
}

}  // namespace
}  // namespace prism::config
