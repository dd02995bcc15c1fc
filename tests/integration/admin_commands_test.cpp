// `prism admin`, `prism user` and `prism org` beside a running server, on
// its database (SQLite, or PostgreSQL in the postgres stage): a disabled
// account's session ends at once and it cannot sign in until it is enabled
// again, and every change is in the audit log.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "store/database.hpp"
#include "support/api_helpers.hpp"
#include "support/auth_fixture.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::HttpClient;
using testing::ServerProcess;

TEST(AdminCommands, DisablingEndsTheSessionAtOnceAndEnablingLetsTheUserBackIn) {
  ServerProcess server;
  HttpClient client(server.base_url());
  auto user = testing::register_user(client, "admincli");
  client.set_bearer(user.access_token);
  ASSERT_EQ(client.get("/api/v1/auth/me").status, 200);

  auto grant = server.run_command({"admin", "grant", user.email});
  ASSERT_EQ(grant.exit_code, 0) << grant.output;
  auto list = server.run_command({"user", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.output;
  EXPECT_NE(list.output.find(user.email + "\t"), std::string::npos) << list.output;
  EXPECT_NE(list.output.find("\tyes\t"), std::string::npos) << list.output;
  auto orgs = server.run_command({"org", "list"});
  ASSERT_EQ(orgs.exit_code, 0) << orgs.output;
  EXPECT_NE(orgs.output.find("\t1\t"), std::string::npos) << "one member: " << orgs.output;

  auto disable = server.run_command({"user", "disable", user.email});
  ASSERT_EQ(disable.exit_code, 0) << disable.output;
  // At once on PostgreSQL (a notification); within a second on SQLite,
  // where the server re-reads a session at least every second.
  auto disabled_at = std::chrono::steady_clock::now();
  long status = 200;
  while (std::chrono::steady_clock::now() - disabled_at < std::chrono::seconds(3) &&
         (status = client.get("/api/v1/auth/me").status) == 200) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(status, 401);
  EXPECT_LT(std::chrono::steady_clock::now() - disabled_at, std::chrono::milliseconds(1500));
  json::object credentials{{"email", user.email}, {"password", user.password}};
  auto refused = client.post("/api/v1/auth/login", credentials);
  testing::expect_problem(refused, 403, "account_disabled");
  json::object wrong{{"email", user.email}, {"password", "not the password at all"}};
  EXPECT_EQ(client.post("/api/v1/auth/login", wrong).status, 401)
      << "a wrong password does not reveal that the account is disabled";

  auto enable = server.run_command({"user", "enable", user.email});
  ASSERT_EQ(enable.exit_code, 0) << enable.output;
  EXPECT_EQ(client.post("/api/v1/auth/login", credentials).status, 200);

  auto unknown = server.run_command({"user", "disable", "nobody@example.com"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.output.find("nobody@example.com"), std::string::npos) << unknown.output;

  auto db = store::open_database(server.env("DATABASE_URL"));
  auto actions = db->read([](store::Tx& tx) {
    std::vector<std::string> out;
    for (auto& r : tx.query("SELECT action FROM audit_log WHERE target_type = 'user'"
                            " AND action IN ('admin.granted', 'user.disabled', 'user.enabled')"
                            " ORDER BY created_at, action")) {
      out.push_back(r.str(0));
    }
    return out;
  });
  EXPECT_EQ(actions.size(), 3u);
}

}  // namespace
}  // namespace prism
