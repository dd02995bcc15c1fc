// Protocol details of the real binary: 431 for oversized headers, 400 for an
// HTTP/1.1 request without Host, 417 for an unknown expectation, strong
// If-Match comparison, duplicated JSON keys, and the files it creates.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <memory>
#include <string>

#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/raw_connection.hpp"
#include "support/server_process.hpp"

namespace prism {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using testing::HttpClient;
using testing::RawConnection;
using testing::ServerProcess;

class ProtocolDetailsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = std::make_unique<ServerProcess>(); }
  static void TearDownTestSuite() { server_.reset(); }
  static std::unique_ptr<ServerProcess> server_;

  static std::optional<testing::RawResponse> send_raw(const std::string& request) {
    RawConnection conn(server_->port());
    conn.send(request);
    return conn.read_response(std::chrono::seconds(10));
  }
};
std::unique_ptr<ServerProcess> ProtocolDetailsTest::server_;

TEST_F(ProtocolDetailsTest, HeadersOverTheLimitAre431) {
  auto one_big = send_raw("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " +
                          std::string(20000, 'a') + "\r\n\r\n");
  ASSERT_TRUE(one_big.has_value());
  EXPECT_EQ(one_big->status, 431) << one_big->head;
  std::string many;
  for (int i = 0; i < 400; ++i) many += "X-Field-" + std::to_string(i) + ": " + std::string(60, 'b') + "\r\n";
  auto many_fields = send_raw("GET /health HTTP/1.1\r\nHost: localhost\r\n" + many + "\r\n");
  ASSERT_TRUE(many_fields.has_value());
  EXPECT_EQ(many_fields->status, 431) << many_fields->head;
}

TEST_F(ProtocolDetailsTest, AnHttp11RequestWithoutOrWithTwoHostsIs400) {
  auto none = send_raw("GET /health HTTP/1.1\r\n\r\n");
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(none->status, 400) << none->head;
  auto two = send_raw("GET /health HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n");
  ASSERT_TRUE(two.has_value());
  EXPECT_EQ(two->status, 400) << two->head;
  // HTTP/1.0 has no Host requirement.
  auto old = send_raw("GET /health HTTP/1.0\r\n\r\n");
  ASSERT_TRUE(old.has_value());
  EXPECT_EQ(old->status, 200) << old->head;
}

TEST_F(ProtocolDetailsTest, AnExpectationOtherThan100ContinueIs417) {
  auto r = send_raw("GET /health HTTP/1.1\r\nHost: localhost\r\nExpect: teapot\r\n\r\n");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 417) << r->head;
}

TEST_F(ProtocolDetailsTest, Expect100ContinueGetsTheInterimAnswerBeforeTheBody) {
  RawConnection conn(server_->port());
  const std::string body = R"({"email":"nobody@example.com","password":"wrong password 123"})";
  conn.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            "Expect: 100-continue\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n");
  auto interim = conn.read_until("\r\n\r\n", std::chrono::steady_clock::now() + std::chrono::seconds(5));
  ASSERT_TRUE(interim.has_value());
  EXPECT_EQ(interim->substr(0, 25), "HTTP/1.1 100 Continue\r\n\r\n");
  conn.send(body);
  auto r = conn.read_response(std::chrono::seconds(10));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 401) << r->body;
}

TEST_F(ProtocolDetailsTest, AWeakETagInIfMatchNeverMatches) {
  HttpClient client(server_->base_url());
  auto user = testing::register_user(client, "ifmatch");
  auto p = client.post("/api/v1/orgs/" + user.org_id + "/projects",
                       json::object{{"name", "Weak"}, {"key", "WEAK"}});
  testing::expect_status(p, 201, "create project");
  auto d = client.post("/api/v1/projects/" + std::string(p.json().at("id").as_string()) + "/documents",
                       json::object{{"title", "T"}, {"content", "c"}});
  testing::expect_status(d, 201, "create document");
  std::string doc = "/api/v1/documents/" + std::string(d.json().at("id").as_string());
  std::string etag = d.header("etag");
  ASSERT_EQ(etag, "\"1\"");

  auto weak = client.patch(doc, json::object{{"title", "changed"}}, {{"If-Match", "W/" + etag}});
  EXPECT_EQ(weak.status, 412) << weak.body;
  auto del = client.del(doc, {{"If-Match", "W/" + etag}});
  EXPECT_EQ(del.status, 412) << del.body;
  EXPECT_EQ(client.get(doc).json().at("title").as_string(), "T");
  auto strong = client.patch(doc, json::object{{"title", "changed"}}, {{"If-Match", etag}});
  EXPECT_EQ(strong.status, 200) << strong.body;
}

TEST_F(ProtocolDetailsTest, AJsonObjectWithADuplicatedKeyIs400) {
  HttpClient client(server_->base_url());
  auto r = client.raw("POST", "/api/v1/auth/login",
                      R"({"email":"a@example.com","email":"b@example.com","password":"x"})",
                      "application/json");
  EXPECT_EQ(r.status, 400) << r.body;
  auto nested = client.raw("POST", "/api/v1/auth/login",
                           R"({"email":"a@example.com","password":"x","extra":{"k":1,"k":2}})",
                           "application/json");
  EXPECT_EQ(nested.status, 400) << nested.body;
}

mode_t mode_of(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return 07777;
  return st.st_mode & 0777;
}

TEST(CreatedFiles, TheDatabaseAndDataDirectoryAreNotReadableByOthers) {
  std::string tmpl = (fs::temp_directory_path() / "prism-perm-XXXXXX").string();
  ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
  fs::path root = tmpl;
  fs::path data = root / "nested" / "data";
  // SECRET_KEY is left to be generated into the data directory as well.
  mode_t old = ::umask(022);
  {
    ServerProcess server({{"DATABASE_URL", "sqlite:" + (data / "prism.db").string()}});
    HttpClient client(server.base_url());
    testing::register_user(client, "perm");  // a write, so the WAL exists
    EXPECT_EQ(mode_of(root / "nested"), 0700u);
    EXPECT_EQ(mode_of(data), 0700u);
    for (const char* name : {"prism.db", "prism.db-wal", "prism.db-shm", "secret_key"}) {
      ASSERT_TRUE(fs::exists(data / name)) << name;
      EXPECT_EQ(mode_of(data / name), 0600u) << name;
    }
  }
  ::umask(old);
  fs::remove_all(root);
}

}  // namespace
}  // namespace prism
