// PostgreSQL faults against real servers: the database stopped, restarted by
// a crash in the middle of writes, and a certificate from the wrong CA. Each
// test starts a PostgreSQL of its own (support/postgres_instance), so they
// run in the "integration tests (postgres)" stage, when
// PRISM_TEST_POSTGRES_URL says PostgreSQL is what the suite runs against.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "store/migrations.hpp"
#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/postgres_instance.hpp"
#include "support/server_process.hpp"

namespace prism::testing {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

class PostgresFaultsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("PRISM_TEST_POSTGRES_URL");
    if (url == nullptr || *url == '\0') GTEST_SKIP() << "PRISM_TEST_POSTGRES_URL is not set";
    pg_ = std::make_unique<PostgresInstance>();
  }
  EnvVars env() const {
    // Shared by every instance of a test, as behind a load balancer.
    return {{"DATABASE_URL", pg_->url()},
            {"SECRET_KEY", std::string(48, 's')},
            {"JWT_SECRET_KEY", std::string(48, 'j')},
            {"DATABASE_POOL_SIZE", "4"},
            {"LOG_LEVEL", "info"}};
  }
  std::string create_project(HttpClient& c, const TestUser& u) {
    auto p = c.post("/api/v1/orgs/" + u.org_id + "/projects",
                    json::object{{"name", "Faults"}, {"key", "FLT"}});
    expect_status(p, 201, "create project");
    return std::string(p.json().at("id").as_string());
  }
  std::unique_ptr<PostgresInstance> pg_;
};

TEST_F(PostgresFaultsTest, StoppedDatabaseAnswers503AndRecoversAlone) {
  ServerProcess server(env());
  HttpClient client(server.base_url());
  TestUser user = register_user(client, "pg-stop");
  std::string project = create_project(client, user);
  std::string path = "/api/v1/projects/" + project + "/documents";

  pg_->stop();
  auto t0 = Clock::now();
  auto write = client.post(path, json::object{{"title", "During the outage"}, {"content", "x"}});
  auto took = Clock::now() - t0;
  EXPECT_EQ(write.status, 503) << write.body;
  EXPECT_LT(took, 5s);
  EXPECT_EQ(write.header("content-type"), "application/problem+json");
  EXPECT_TRUE(write.has_header("retry-after"));
  EXPECT_EQ(write.body.find(pg_->password()), std::string::npos);

  EXPECT_EQ(client.get("/health").status, 200);
  auto ready = client.get("/ready");
  EXPECT_EQ(ready.status, 503);
  EXPECT_EQ(ready.json().at("dependencies").at("database").at("status"), "unavailable")
      << ready.body;

  pg_->start();
  long status = 0;
  for (auto until = Clock::now() + 15s; Clock::now() < until && status != 201;) {
    status = client.post(path, json::object{{"title", "After"}, {"content", "y"}}).status;
    if (status != 201) std::this_thread::sleep_for(200ms);
  }
  EXPECT_EQ(status, 201) << "PRISM recovers by itself when PostgreSQL is back";
  EXPECT_EQ(client.get("/ready").status, 200);
  server.stop();
  EXPECT_EQ(server.log().find(pg_->password()), std::string::npos) << "no password in the log";
}

TEST_F(PostgresFaultsTest, AFrozenServerFailsRequestsByTheDeadline) {
  EnvVars vars = env();
  vars.emplace_back("DATABASE_STATEMENT_TIMEOUT_MS", "2000");
  ServerProcess server(vars);
  HttpClient client(server.base_url());
  TestUser user = register_user(client, "pg-freeze");
  std::string project = create_project(client, user);

  pg_->freeze();
  auto t0 = Clock::now();
  auto write = client.post("/api/v1/projects/" + project + "/documents",
                           json::object{{"title", "Frozen"}, {"content", "x"}});
  auto took = Clock::now() - t0;
  EXPECT_EQ(write.status, 503) << write.body;
  EXPECT_TRUE(write.has_header("retry-after"));
  EXPECT_LT(took, 4s) << "the client-side deadline, not a hung thread";
  EXPECT_EQ(client.get("/health").status, 200);
  t0 = Clock::now();
  EXPECT_EQ(client.get("/ready").status, 503);
  EXPECT_LT(Clock::now() - t0, 5s);
  pg_->thaw();

  long status = 0;
  for (auto until = Clock::now() + 15s; Clock::now() < until && status != 201;) {
    status = client
                 .post("/api/v1/projects/" + project + "/documents",
                       json::object{{"title", "Thawed"}, {"content", "y"}})
                 .status;
    if (status != 201) std::this_thread::sleep_for(200ms);
  }
  EXPECT_EQ(status, 201);
}

TEST_F(PostgresFaultsTest, CrashRestartDuringWritesLosesNoAcknowledgedWrite) {
  ServerProcess a(env());
  ServerProcess b(env());
  HttpClient setup(a.base_url());
  TestUser user = register_user(setup, "pg-crash");
  std::string project = create_project(setup, user);
  std::string path = "/api/v1/projects/" + project + "/documents";

  std::mutex mutex;
  std::vector<std::pair<std::string, std::string>> acknowledged;  // id, title
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      HttpClient c(t % 2 ? b.base_url() : a.base_url());
      c.set_bearer(user.access_token);
      for (int i = 0; !done; ++i) {
        std::string title = "w" + std::to_string(t) + "-" + std::to_string(i);
        auto r = c.post(path, json::object{{"title", title}, {"content", "body of " + title}});
        if (r.status == 201) {
          std::lock_guard lock(mutex);
          acknowledged.emplace_back(std::string(r.json().at("id").as_string()), title);
        } else {
          ++failures;
          EXPECT_EQ(r.status, 503) << r.body;
        }
      }
    });
  }
  std::this_thread::sleep_for(1500ms);
  pg_->restart_immediate();
  std::this_thread::sleep_for(1500ms);
  done = true;
  for (auto& w : writers) w.join();

  ASSERT_GT(acknowledged.size(), 10u);
  HttpClient reader(b.base_url());
  reader.set_bearer(user.access_token);
  for (const auto& [id, title] : acknowledged) {
    auto r = reader.get("/api/v1/documents/" + id);
    ASSERT_EQ(r.status, 200) << "an acknowledged write was lost: " << title << " " << r.body;
    EXPECT_EQ(r.json().at("title").as_string(), title);
  }
  std::cout << "[          ] " << acknowledged.size() << " writes acknowledged, " << failures
            << " refused (503) across the crash\n";
}

TEST_F(PostgresFaultsTest, InstancesStartingTogetherApplyEachMigrationOnce) {
  // Three instances on one empty database, started at the same moment: each
  // applies pending migrations at start, taking turns through the lock.
  std::vector<std::unique_ptr<ServerProcess>> servers;
  for (int i = 0; i < 3; ++i) servers.push_back(std::make_unique<ServerProcess>(env(), false));
  for (auto& s : servers) EXPECT_NO_THROW(s->wait_ready());
  int applied = 0;
  for (auto& s : servers) {
    std::string log = s->log();
    for (auto at = log.find("applied "); at != std::string::npos;
         at = log.find("applied ", at + 1)) {
      applied += std::atoi(log.c_str() + at + 8);
    }
  }
  EXPECT_EQ(applied, static_cast<int>(store::migrations_for(store::Dialect::kPostgres).size()))
      << "every migration applied by exactly one instance";
  HttpClient client(servers[2]->base_url());
  register_user(client, "pg-together");
}

TEST_F(PostgresFaultsTest, WrongCertificateAuthorityFailsNamingTlsVerification) {
  // The system's roots do not include the CA this server's certificate is from.
  std::string url = pg_->url();
  url = url.substr(0, url.find("sslrootcert=")) + "sslrootcert=/etc/ssl/certs/ca-certificates.crt";
  EnvVars vars = env();
  vars[0].second = url;
  ServerProcess server(vars, false);
  auto code = server.wait_exit(20s);
  ASSERT_TRUE(code.has_value()) << "start-up must fail";
  EXPECT_NE(*code, 0);
  std::string log = server.log();
  EXPECT_NE(log.find("TLS verification"), std::string::npos) << log;
  EXPECT_EQ(log.find(pg_->password()), std::string::npos) << "no password in the log";
}

}  // namespace
}  // namespace prism::testing
