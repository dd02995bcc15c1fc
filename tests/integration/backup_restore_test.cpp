// Moving between backends with `prism backup` and `prism restore`, as a team
// does when it leaves the embedded default for PostgreSQL and back: data
// made through the API on SQLite is backed up while the server runs,
// restored into PostgreSQL (when the suites have one; another SQLite file
// otherwise), backed up again and restored into SQLite. Every API answer
// (documents, versions, diffs, exports, stories, generations, usage, audit)
// and every row is identical on all three. A damaged file is refused and
// leaves the target untouched.
#include <gtest/gtest.h>
#include <zlib.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <regex>
#include <thread>

#include "core/ids.hpp"
#include "store/testing_postgres.hpp"
#include "support/api_helpers.hpp"
#include "support/org_helpers.hpp"
#include "support/server_process.hpp"

namespace prism::testing {
namespace {

namespace json = boost::json;

std::string secret(char c) { return std::string(48, c); }

// What every server of the test shares, so one bearer token and one share
// link work on each of them.
EnvVars common_env() {
  return {{"JWT_SECRET_KEY", secret('j')},
          {"SECRET_KEY", secret('s')},
          {"PUBLIC_URL", "http://prism.test"}};
}

std::vector<std::string> data_lines(const std::filesystem::path& path) {
  gzFile gz = gzopen(path.c_str(), "rb");
  std::string text;
  char buf[65536];
  int n = 0;
  while ((n = gzread(gz, buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
  gzclose(gz);
  std::vector<std::string> lines;
  std::size_t pos = 0;
  for (auto nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', pos)) {
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  if (lines.size() < 2) return lines;
  return {lines.begin() + 1, lines.end() - 1};  // without the header and the checksum
}

std::string id_of(const HttpResponse& r, long status, const std::string& what) {
  expect_status(r, status, what);
  return std::string(r.json().at("id").as_string());
}

class BackupRestoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("prism-it-backup-" + new_id());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A team's work through the API: versions, a rename, a share link, an AI
  // generation with its history and usage, stories, a template, audit.
  void fill(ServerProcess& server) {
    HttpClient c(server.base_url());
    user_ = register_user(c, "backup", "Backup Org");
    project_ = create_project(c, user_.org_id, "Checkout", "CHK");
    std::string p = "/api/v1/projects/" + project_;
    doc_ = id_of(c.post(p + "/documents",
                        json::object{{"title", "Payments PRD"},
                                     {"content", "## Goals\n\nTake card payments — ✓ 🚀\n"}}),
                 201, "create document");
    std::string d = "/api/v1/documents/" + doc_;
    for (int v = 1; v <= 2; ++v) {
      auto r = c.patch(d,
                       json::object{{"content", "## Goals\n\nTake card payments, step " +
                                                    std::to_string(v) + "\n\n## Risks\n\nFraud\n"}},
                       {{"If-Match", "\"" + std::to_string(v) + "\""}});
      expect_status(r, 200, "edit");
    }
    expect_status(
        c.patch(d, json::object{{"title", "Payments PRD (renamed)"}}, {{"If-Match", "\"3\""}}), 200,
        "rename");
    auto share = c.post(d + "/shares", json::object{{"expires_in_hours", 48}});
    expect_status(share, 201, "share");
    share_token_ = std::string(share.json().at("token").as_string());
    auto gen =
        c.post(p + "/generations",
               json::object{{"kind", "prd"},
                            {"input", json::object{{"product_name", "Ledger"},
                                                   {"description", "Books for teams"},
                                                   {"key_features", json::array{"export"}}}}});
    generation_ = id_of(gen, 202, "generation");
    for (int i = 0; i < 400; ++i) {
      auto g = c.get("/api/v1/generations/" + generation_).json();
      std::string status = str(g, "status");
      if (status != "queued" && status != "running") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    id_of(c.post(p + "/stories", json::object{{"title", "Pay by card"},
                                              {"as_a", "buyer"},
                                              {"i_want", "to pay by card"},
                                              {"so_that", "I can check out"},
                                              {"acceptance_criteria", json::array{"Given a cart"}},
                                              {"points", 3}}),
          201, "story");
    id_of(c.post("/api/v1/orgs/" + user_.org_id + "/templates",
                 json::object{{"name", "Lean"},
                              {"sections", json::array{json::object{{"title", "Goals"}}}}}),
          201, "template");
    // The organization's own provider: its sealed key moves with the data.
    auto byok =
        c.put("/api/v1/orgs/" + user_.org_id + "/ai-settings",
              json::object{{"provider", "anthropic"}, {"api_key", "sk-ant-backup-0123456789"}});
    ASSERT_EQ(byok.status, 200) << byok.body;
    token_ = user_.access_token;
  }

  // Every answer a user reads back, as status and body.
  std::vector<std::string> answers(ServerProcess& server) {
    HttpClient c(server.base_url());
    c.set_bearer(token_);
    std::string o = "/api/v1/orgs/" + user_.org_id, p = "/api/v1/projects/" + project_,
                d = "/api/v1/documents/" + doc_;
    std::vector<std::string> out;
    for (const std::string& path : {std::string("/api/v1/auth/me"),
                                    std::string("/api/v1/orgs"),
                                    o,
                                    o + "/members",
                                    o + "/audit",
                                    o + "/ai-settings",
                                    o + "/usage",
                                    o + "/templates",
                                    o + "/projects",
                                    p,
                                    p + "/documents",
                                    p + "/documents?q=fraud",
                                    p + "/documents?q=renamed",
                                    d,
                                    d + "/versions",
                                    d + "/versions/1",
                                    d + "/diff?from=1&to=3",
                                    d + "/export?format=md",
                                    d + "/export?format=html",
                                    d + "/export?format=json",
                                    d + "/lint",
                                    d + "/shares",
                                    p + "/stories",
                                    p + "/stories/export?format=csv",
                                    p + "/generations",
                                    "/api/v1/generations/" + generation_,
                                    "/api/v1/shared/" + share_token_}) {
      auto r = c.get(path);
      // The one field that says when the answer was made, not what it holds.
      std::string body = std::regex_replace(r.body, std::regex(R"("exported_at":"[^"]*")"),
                                            R"("exported_at":"…")");
      out.push_back(path + " " + std::to_string(r.status) + " " + body);
    }
    return out;
  }

  std::filesystem::path backup(ServerProcess& server, const std::string& name) {
    auto path = dir_ / name;
    auto r = server.run_command({"backup", "--output", path.string()});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return path;
  }

  // Restores `file` into `server`'s database and restarts it, so nothing it
  // kept in memory from before survives.
  void restore_into(ServerProcess& server, const std::filesystem::path& file) {
    auto r = server.run_command({"restore", file.string()});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("restored 26 tables"), std::string::npos) << r.output;
    server.restart();
  }

  std::filesystem::path dir_;
  TestUser user_;
  std::string project_, doc_, share_token_, generation_, token_;
};

// Each answer that differs, by its path (both lists hold the same paths).
void expect_same_answers(const std::vector<std::string>& got, const std::vector<std::string>& want,
                         const std::string& where) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i], want[i]) << where;
  }
}

EnvVars with(EnvVars env, const std::string& name, const std::string& value) {
  env.emplace_back(name, value);
  return env;
}

TEST_F(BackupRestoreTest, SqliteToPostgresAndBackKeepsEveryRowAndEveryAnswer) {
  ServerProcess a(common_env());
  fill(a);
  auto before = answers(a);
  auto from_a = backup(a, "a.jsonl.gz");  // while `a` serves

  std::unique_ptr<store::testing::PostgresSchema> schema;
  EnvVars b_env = common_env();
  if (auto pg = store::testing::test_postgres_url()) {
    schema = std::make_unique<store::testing::PostgresSchema>(*pg);
    b_env = with(b_env, "DATABASE_URL", schema->url());
  }
  ServerProcess b(b_env);
  restore_into(b, from_a);
  expect_same_answers(answers(b), before, "restored into PostgreSQL (or SQLite)");
  auto from_b = backup(b, "b.jsonl.gz");
  EXPECT_EQ(data_lines(from_b), data_lines(from_a));

  ServerProcess c(common_env());
  restore_into(c, from_b);
  expect_same_answers(answers(c), before, "restored back into SQLite");
  EXPECT_EQ(data_lines(backup(c, "c.jsonl.gz")), data_lines(from_a));

  // A restored server is a working one: the restored account signs in.
  HttpClient fresh(c.base_url());
  EXPECT_FALSE(login(fresh, user_.email, user_.password).empty());
}

TEST_F(BackupRestoreTest, ADamagedFileLeavesTheTargetUntouchedAndADatabaseWithDataIsRefused) {
  ServerProcess a(common_env());
  fill(a);
  auto file = backup(a, "a.jsonl.gz");
  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto cut = dir_ / "cut.jsonl.gz";
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() * 2 / 3);

  // The target is a database that does not exist yet: refused, it still
  // does not exist.
  auto target = dir_ / "target.db";
  auto r =
      a.run_command({"restore", cut.string()}, {{"DATABASE_URL", "sqlite:" + target.string()}});
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("the backup is damaged or incomplete"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(target)) << "a refused restore creates nothing";

  // Restoring over the data `a` holds is refused, and the data stays.
  auto over = a.run_command({"restore", file.string()});
  EXPECT_EQ(over.exit_code, 1) << over.output;
  EXPECT_NE(over.output.find("is not empty"), std::string::npos) << over.output;
  EXPECT_NE(over.output.find("--force"), std::string::npos) << over.output;
  HttpClient c(a.base_url());
  c.set_bearer(user_.access_token);
  EXPECT_EQ(c.get("/api/v1/documents/" + doc_).status, 200);

  auto check = a.run_command({"restore", "--check", file.string()});
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_NE(check.output.find("the backup is intact"), std::string::npos) << check.output;
}

}  // namespace
}  // namespace prism::testing
