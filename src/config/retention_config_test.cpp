#include "config/retention_config.hpp"

#include <gtest/gtest.h>

#include "config/config_error.hpp"

namespace prism::config {
namespace {

// Each of `bad` as `name` stops the loading with an error naming it.
void expect_refused(const std::string& name, std::initializer_list<const char*> bad) {
  for (const char* value : bad) {
    try {
      load_retention_config({{name, value}});
      ADD_FAILURE() << name << "=" << value;
    } catch (const ConfigError& e) {
      EXPECT_EQ(std::string(e.what()).rfind(name + ": ", 0), 0u) << e.what();
    }
  }
}

TEST(RetentionConfig, KeepsForeverUnlessSet) {
  RetentionConfig c = load_retention_config({});
  EXPECT_FALSE(c.generation_days);
  EXPECT_FALSE(c.audit_days);
  EXPECT_NE(describe(c).find("RETENTION_AUDIT_DAYS=(keep forever)"), std::string::npos);
  c = load_retention_config({{"RETENTION_GENERATION_DAYS", "30"}, {"RETENTION_AUDIT_DAYS", "365"}});
  EXPECT_EQ(c.generation_days, 30);
  EXPECT_EQ(c.audit_days, 365);
}

TEST(RetentionConfig, McpSessionsIdleADayUnlessSet) {
  RetentionConfig c = load_retention_config({});
  EXPECT_EQ(c.mcp_session_idle_seconds, 86400);
  EXPECT_NE(describe(c).find("MCP_SESSION_IDLE_SECONDS=86400"), std::string::npos);
  EXPECT_EQ(load_retention_config({{"MCP_SESSION_IDLE_SECONDS", "600"}}).mcp_session_idle_seconds,
            600);
  expect_refused("MCP_SESSION_IDLE_SECONDS", {"1", "0", "an hour", "31536001"});
}

TEST(RetentionConfig, TheTrashKeepsThirtyDaysUnlessSetAndZeroEmptiesItAtTheNextCleanup) {
  RetentionConfig c = load_retention_config({});
  EXPECT_EQ(c.trash_days, 30);
  EXPECT_NE(describe(c).find("TRASH_RETENTION_DAYS=30"), std::string::npos);
  EXPECT_EQ(load_retention_config({{"TRASH_RETENTION_DAYS", "7"}}).trash_days, 7);
  EXPECT_EQ(load_retention_config({{"TRASH_RETENTION_DAYS", "0"}}).trash_days, 0);
  expect_refused("TRASH_RETENTION_DAYS", {"-1", "a week", "36501", "7.5"});
}

TEST(RetentionConfig, BadValuesNameTheVariable) {
  expect_refused("RETENTION_GENERATION_DAYS", {"0", "-1", "thirty", "36501"});
}

}  // namespace
}  // namespace prism::config
