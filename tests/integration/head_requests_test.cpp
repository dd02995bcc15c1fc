// HEAD wherever GET works (RFC 9110 §9.3.2): the status and header fields a
// GET would get, Content-Length included, and no body.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/raw_connection.hpp"
#include "support/server_process.hpp"

namespace prism {
namespace {

namespace fs = std::filesystem;
using testing::HttpClient;
using testing::RawConnection;
using testing::ServerProcess;

constexpr const char* kScript = "console.log('head test');";

// Header fields of a response head, names in lower case, minus the ones that
// differ between any two answers.
std::map<std::string, std::string> comparable_fields(const std::string& head) {
  std::map<std::string, std::string> out;
  std::size_t pos = head.find("\r\n") + 2;
  while (pos < head.size()) {
    auto eol = head.find("\r\n", pos);
    if (eol == std::string::npos || eol == pos) break;
    std::string line = head.substr(pos, eol - pos);
    pos = eol + 2;
    auto colon = line.find(':');
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "x-request-id") continue;
    out[name] = line.substr(colon + 1 + (line[colon + 1] == ' ' ? 1 : 0));
  }
  return out;
}

class HeadRequestsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string tmpl = (fs::temp_directory_path() / "prism-head-web-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    web_dir_ = new fs::path(tmpl);
    fs::create_directories(*web_dir_ / "assets");
    std::ofstream(*web_dir_ / "index.html") << "<!doctype html><div id=root></div>";
    std::ofstream(*web_dir_ / "assets" / "app-0f1e2d.js") << kScript;
    server_ = std::make_unique<ServerProcess>(testing::EnvVars{{"WEB_DIR", web_dir_->string()}});
  }
  static void TearDownTestSuite() {
    server_.reset();
    fs::remove_all(*web_dir_);
    delete web_dir_;
  }

  // HEAD then GET of `path` pipelined on one connection: the GET's answer must
  // follow the HEAD's head directly, which it only does when HEAD sent no body.
  static void expect_head_like_get(const std::string& path, const std::string& extra_headers = "") {
    RawConnection conn(server_->port());
    std::string fields = " HTTP/1.1\r\nHost: localhost\r\n" + extra_headers + "\r\n";
    conn.send("HEAD " + path + fields + "GET " + path + fields);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    auto head = conn.read_until("\r\n\r\n", deadline);
    ASSERT_TRUE(head.has_value()) << path;
    auto get = conn.read_response(std::chrono::seconds(10));
    ASSERT_TRUE(get.has_value()) << path << ": the GET's answer did not follow\n" << *head;
    EXPECT_EQ(head->substr(0, 12), get->head.substr(0, 12)) << path << "\n" << *head;
    EXPECT_EQ(comparable_fields(*head), comparable_fields(get->head)) << path;
    auto fields_of_head = comparable_fields(*head);
    EXPECT_EQ(fields_of_head["content-length"], std::to_string(get->body.size())) << path;
    EXPECT_FALSE(get->body.empty()) << path;
  }

  static std::unique_ptr<ServerProcess> server_;
  static fs::path* web_dir_;
};
std::unique_ptr<ServerProcess> HeadRequestsTest::server_;
fs::path* HeadRequestsTest::web_dir_ = nullptr;

TEST_F(HeadRequestsTest, HealthAndReadinessAnswerHead) {
  expect_head_like_get("/health");
  expect_head_like_get("/ready");
}

TEST_F(HeadRequestsTest, AnAuthenticatedApiReadAnswersHead) {
  HttpClient client(server_->base_url());
  auto user = testing::register_user(client, "head");
  expect_head_like_get("/api/v1/auth/me", "Authorization: Bearer " + user.access_token + "\r\n");
  expect_head_like_get("/api/v1/orgs/" + user.org_id,
                       "Authorization: Bearer " + user.access_token + "\r\n");
  // Without credentials HEAD is refused exactly like GET.
  HttpClient anonymous(server_->base_url());
  auto r = anonymous.request("HEAD", "/api/v1/auth/me", {}, {{"Authorization", "Bearer nope"}});
  EXPECT_EQ(r.status, 401);
}

TEST_F(HeadRequestsTest, StaticFilesAnswerHead) {
  expect_head_like_get("/assets/app-0f1e2d.js");
  expect_head_like_get("/");
  expect_head_like_get("/documents/some-client-route");
}

TEST_F(HeadRequestsTest, TheAllowHeaderOfA405ListsHeadBesideGet) {
  HttpClient client(server_->base_url());
  auto r = client.del("/health");
  EXPECT_EQ(r.status, 405);
  EXPECT_NE(r.header("allow").find("GET"), std::string::npos) << r.header("allow");
  EXPECT_NE(r.header("allow").find("HEAD"), std::string::npos) << r.header("allow");
  // A path that only takes POST does not offer HEAD.
  auto login = client.get("/api/v1/auth/login");
  EXPECT_EQ(login.status, 405);
  EXPECT_EQ(login.header("allow").find("HEAD"), std::string::npos) << login.header("allow");
}

}  // namespace
}  // namespace prism
