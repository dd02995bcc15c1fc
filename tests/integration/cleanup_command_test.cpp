// `prism cleanup` beside a running server, on its database (SQLite, or
// PostgreSQL in the postgres stage), as an operator runs it.
#include <gtest/gtest.h>

#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace prism {
namespace {

using testing::HttpClient;
using testing::ServerProcess;

TEST(CleanupCommand, ReportsPerKindAndKeepsWhatWorks) {
  ServerProcess server(testing::EnvVars{{"RETENTION_AUDIT_DAYS", "30"}});
  HttpClient client(server.base_url());
  auto user = testing::register_user(client, "cleanup");
  client.set_bearer(user.access_token);

  auto dry = server.run_command({"cleanup", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.output;
  EXPECT_NE(dry.output.find("sessions (with their refresh tokens): 0 to remove"), std::string::npos)
      << dry.output;
  EXPECT_NE(dry.output.find("audit log entries: 0 to remove"), std::string::npos) << dry.output;
  EXPECT_NE(dry.output.find("dry run: nothing was removed"), std::string::npos) << dry.output;

  auto run = server.run_command({"cleanup"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("total: 0"), std::string::npos) << run.output;
  // The live session still works.
  EXPECT_EQ(client.get("/api/v1/auth/me").status, 200);
}

TEST(CleanupCommand, ABadRetentionStopsItNamingTheVariable) {
  // The server refuses the same variable at start; not waited for.
  ServerProcess server(testing::EnvVars{{"RETENTION_GENERATION_DAYS", "0"}}, false);
  auto r = server.run_command({"cleanup"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("RETENTION_GENERATION_DAYS"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace prism
