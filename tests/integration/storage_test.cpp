// Storage use and quotas with the real server: a database that is full
// answers writes with 507 problem+json (code storage_full) and loses or
// half-writes nothing, reads keep working, /ready warns (still 200),
// /metrics exports the size and the quota, and `prism storage` reports. On
// SQLite the quota is DATABASE_QUOTA_BYTES itself; on PostgreSQL the
// server's own "disk full" (SQLSTATE 53100, what Neon answers at its
// project size limit) is raised by a trigger in the test's schema.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "core/ids.hpp"
#include "store/database.hpp"
#include "store/testing_postgres.hpp"
#include "support/api_helpers.hpp"
#include "support/org_helpers.hpp"
#include "support/server_process.hpp"

namespace prism::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

void expect_storage_full(const HttpResponse& r, const std::string& what) {
  EXPECT_EQ(r.status, 507) << what << ": " << r.body;
  EXPECT_EQ(r.header("content-type"), "application/problem+json") << what;
  if (r.status != 507) return;
  EXPECT_EQ(str(r.json(), "code"), "storage_full") << r.body;
  EXPECT_NE(str(r.json(), "detail").find("the database is full"), std::string::npos) << r.body;
}

TEST(StorageQuota, AFullEmbeddedDatabaseAnswers507ReadsWorkAndEveryoneIsTold) {
  constexpr std::int64_t kQuota = 3 * 1024 * 1024;
  // The embedded database, also when the suites run on PostgreSQL.
  auto dir = std::filesystem::temp_directory_path() / ("prism-it-quota-" + new_id());
  std::filesystem::create_directories(dir);
  struct Remove {
    std::filesystem::path dir;
    ~Remove() { std::filesystem::remove_all(dir); }
  } remove{dir};
  ServerProcess server(EnvVars{{"DATABASE_QUOTA_BYTES", "3MiB"},
                               {"DATABASE_URL", "sqlite:" + (dir / "quota.db").string()}});
  HttpClient c(server.base_url());
  auto user = register_user(c, "quota");
  std::string project = create_project(c, user.org_id, "Full", "FULL");
  std::string documents = "/api/v1/projects/" + project + "/documents";

  std::vector<std::string> created;
  HttpResponse refused;
  for (int i = 0; i < 40; ++i) {
    std::string content = "## Notes\n\n" +
                          std::string(300 * 1024, static_cast<char>('a' + i % 26)) + " word" +
                          std::to_string(i) + "\n";
    auto r = c.post(documents,
                    json::object{{"title", "Big " + std::to_string(i)}, {"content", content}});
    if (r.status != 201) {
      refused = r;
      break;
    }
    created.push_back(std::string(r.json().at("id").as_string()));
  }
  ASSERT_FALSE(created.empty());
  expect_storage_full(refused, "the document that did not fit");

  // A new version that does not fit is refused the same way; the document
  // keeps its current version.
  std::string first = "/api/v1/documents/" + created.front();
  auto before = c.get(first);
  ASSERT_EQ(before.status, 200);
  expect_storage_full(c.patch(first, json::object{{"content", std::string(600 * 1024, 'z')}},
                              {{"If-Match", "\"1\""}}),
                      "a version that did not fit");
  auto after = c.get(first);
  EXPECT_EQ(after.status, 200);
  EXPECT_EQ(after.body, before.body);

  // Reads work: the list holds exactly what was created.
  auto list = c.get(documents);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json().at("items").as_array().size(), created.size());

  // /ready stays 200 and warns (it measures again when its figure is
  // older than a few seconds).
  HttpClient anonymous(server.base_url());
  std::string warning;
  for (int i = 0; i < 40 && warning.empty(); ++i) {
    auto ready = anonymous.get("/ready");
    ASSERT_EQ(ready.status, 200) << ready.body;
    warning = str(ready.json(), "warning");
    if (warning.empty()) std::this_thread::sleep_for(250ms);
  }
  EXPECT_NE(warning.find("of DATABASE_QUOTA_BYTES"), std::string::npos) << warning;

  auto metrics = anonymous.get("/metrics").body;
  EXPECT_NE(metrics.find("prism_database_quota_bytes " + std::to_string(kQuota)),
            std::string::npos);
  EXPECT_NE(metrics.find("prism_database_size_bytes "), std::string::npos);

  auto report = server.run_command({"storage"});
  EXPECT_EQ(report.exit_code, 0) << report.output;
  EXPECT_NE(report.output.find("of DATABASE_QUOTA_BYTES"), std::string::npos) << report.output;
  EXPECT_NE(report.output.find("warning: the database uses"), std::string::npos) << report.output;
  auto as_json = server.run_command({"storage", "--json"});
  ASSERT_EQ(as_json.exit_code, 0) << as_json.output;
  auto j = json::parse(as_json.output);
  EXPECT_EQ(j.at("quota_bytes").as_int64(), kQuota);
  EXPECT_EQ(j.at("backend"), "sqlite");
}

TEST(StorageQuota, PostgresDiskFullIs507AndNothingIsHalfWritten) {
  auto pg = store::testing::test_postgres_url();
  if (!pg) GTEST_SKIP() << "needs PRISM_TEST_POSTGRES_URL";
  store::testing::PostgresSchema schema(*pg);
  ServerProcess server(EnvVars{{"DATABASE_URL", schema.url()},
                               {"SECRET_KEY", std::string(48, 's')},
                               {"DATABASE_QUOTA_BYTES", "3GB"}});
  HttpClient c(server.base_url());
  auto user = register_user(c, "pgfull");
  std::string project = create_project(c, user.org_id, "Full", "FULL");
  // From here PostgreSQL answers every new document as a full disk would.
  auto db = store::open_database(schema.url());
  db->write([](store::Tx& tx) {
    tx.exec_script(
        "CREATE FUNCTION refuse_as_full() RETURNS TRIGGER LANGUAGE plpgsql AS $$ BEGIN"
        " RAISE EXCEPTION 'could not extend file because project size limit (3072 MB) has been"
        " exceeded' USING ERRCODE = 'disk_full'; END $$;"
        " CREATE TRIGGER refuse_as_full BEFORE INSERT ON document_versions"
        " FOR EACH ROW EXECUTE FUNCTION refuse_as_full();");
  });
  std::string documents = "/api/v1/projects/" + project + "/documents";
  expect_storage_full(c.post(documents, json::object{{"title", "Too much"}, {"content", "x"}}),
                      "a document on a full disk");
  // The document row inserted before its version was rolled back with it.
  auto list = c.get(documents);
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(list.json().at("items").as_array().empty()) << list.body;
  EXPECT_EQ(HttpClient(server.base_url()).get("/ready").status, 200);

  auto report = server.run_command({"storage"});
  EXPECT_EQ(report.exit_code, 0) << report.output;
  EXPECT_NE(report.output.find("database (postgresql)"), std::string::npos) << report.output;
}

}  // namespace
}  // namespace prism::testing
