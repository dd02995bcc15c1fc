// The web app served by the real binary from WEB_DIR: caching headers,
// revalidation, precompressed variants, client-side routes, and paths that
// try to leave the directory.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

#include "support/http_client.hpp"
#include "support/raw_connection.hpp"
#include "support/server_process.hpp"

namespace prism {
namespace {

namespace fs = std::filesystem;
using testing::HttpClient;
using testing::RawConnection;
using testing::ServerProcess;

constexpr const char* kIndex = "<!doctype html><html><body><div id=\"root\"></div></body></html>";
constexpr const char* kScript = "console.log('prism web app');";

fs::path make_web_dir() {
  std::string tmpl = (fs::temp_directory_path() / "prism-web-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  fs::path dir = tmpl;
  fs::create_directories(dir / "assets");
  auto write = [&](const char* name, const std::string& bytes) {
    std::ofstream(dir / name, std::ios::binary) << bytes;
  };
  write("index.html", kIndex);
  write("config.json", R"({"apiBaseUrl":""})");
  write("assets/app-abc123.js", kScript);
  // The server never decodes variants, so marker bytes show which one came.
  write("assets/app-abc123.js.gz", "gzip-variant");
  write("assets/app-abc123.js.br", "brotli-variant");
  // A file beside the web directory that traversal would like to reach.
  std::ofstream(dir.string() + "-secret.txt") << "top secret";
  return dir;
}

class StaticSiteTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    web_dir_ = new fs::path(make_web_dir());
    server_ = std::make_unique<ServerProcess>(testing::EnvVars{{"WEB_DIR", web_dir_->string()}});
  }
  static void TearDownTestSuite() {
    server_.reset();
    fs::remove(web_dir_->string() + "-secret.txt");
    fs::remove_all(*web_dir_);
    delete web_dir_;
  }
  HttpClient client_{server_->base_url()};
  static std::unique_ptr<ServerProcess> server_;
  static fs::path* web_dir_;
};
std::unique_ptr<ServerProcess> StaticSiteTest::server_;
fs::path* StaticSiteTest::web_dir_ = nullptr;

TEST_F(StaticSiteTest, IndexAndConfigAreRevalidatedEveryTime) {
  for (const char* path : {"/", "/index.html"}) {
    auto r = client_.get(path);
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.body, kIndex) << path;
    EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8") << path;
    EXPECT_EQ(r.header("cache-control"), "no-cache") << path;
    EXPECT_FALSE(r.header("etag").empty()) << path;
  }
  auto config = client_.get("/config.json");
  ASSERT_EQ(config.status, 200);
  EXPECT_EQ(config.json().at("apiBaseUrl").as_string(), "");
  EXPECT_EQ(config.header("cache-control"), "no-cache");
}

TEST_F(StaticSiteTest, HashedAssetsAreImmutable) {
  auto r = client_.get("/assets/app-abc123.js");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, kScript);
  EXPECT_EQ(r.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(r.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(r.header("vary"), "Accept-Encoding");
  EXPECT_FALSE(r.has_header("content-encoding"));
}

TEST_F(StaticSiteTest, MatchingEtagAnswersNotModified) {
  auto first = client_.get("/assets/app-abc123.js");
  std::string etag = first.header("etag");
  ASSERT_TRUE(etag.size() > 2 && etag.front() == '"') << etag;
  auto again = client_.get("/assets/app-abc123.js", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.header("etag"), etag);
  auto changed = client_.get("/assets/app-abc123.js", {{"If-None-Match", "\"something-else\""}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_EQ(changed.body, kScript);
  auto index = client_.get("/");
  EXPECT_EQ(client_.get("/", {{"If-None-Match", index.header("etag")}}).status, 304);
}

TEST_F(StaticSiteTest, PrecompressedVariantsFollowAcceptEncoding) {
  auto br = client_.get("/assets/app-abc123.js", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_EQ(br.status, 200);
  EXPECT_EQ(br.body, "brotli-variant");
  EXPECT_EQ(br.header("content-encoding"), "br");
  EXPECT_EQ(br.header("vary"), "Accept-Encoding");
  auto gz = client_.get("/assets/app-abc123.js", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gz.body, "gzip-variant");
  EXPECT_EQ(gz.header("content-encoding"), "gzip");
  auto refused = client_.get("/assets/app-abc123.js", {{"Accept-Encoding", "br;q=0, gzip;q=0"}});
  EXPECT_EQ(refused.body, kScript);
  // Each encoding has its own strong ETag.
  EXPECT_NE(br.header("etag"), gz.header("etag"));
  EXPECT_EQ(client_
                .get("/assets/app-abc123.js",
                     {{"Accept-Encoding", "br"}, {"If-None-Match", br.header("etag")}})
                .status,
            304);
}

TEST_F(StaticSiteTest, HeadAnswersWithoutABody) {
  auto r = client_.request("HEAD", "/assets/app-abc123.js");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(r.header("content-length"), std::to_string(std::string(kScript).size()));
}

TEST_F(StaticSiteTest, ClientSideRoutesFallBackToIndex) {
  for (const char* path : {"/projects/x", "/projects/x/documents/y?tab=history", "/login"}) {
    auto r = client_.get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.body, kIndex) << path;
    EXPECT_EQ(r.header("cache-control"), "no-cache") << path;
  }
  EXPECT_EQ(client_.get("/assets/app-gone.js").status, 404);
}

TEST_F(StaticSiteTest, TheApiKeepsItsJsonAnswers) {
  auto unknown = client_.get("/api/v1/nope");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_TRUE(unknown.header("content-type").starts_with("application/problem+json"))
      << unknown.body;
  EXPECT_EQ(unknown.json().at("code").as_string(), "not_found");
  EXPECT_EQ(client_.get("/health").json().at("status").as_string(), "ok");
  EXPECT_EQ(client_.get("/api/v1/openapi.json").status, 200);
  EXPECT_EQ(client_.post("/projects/x", boost::json::object{}).status, 404);
}

TEST_F(StaticSiteTest, SecurityHeadersOnStaticAnswers) {
  for (const char* path : {"/", "/assets/app-abc123.js", "/projects/x"}) {
    auto r = client_.get(path);
    EXPECT_NE(r.header("content-security-policy").find("script-src 'self'"), std::string::npos)
        << path;
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << path;
    EXPECT_EQ(r.header("x-frame-options"), "DENY") << path;
    EXPECT_FALSE(r.header("x-request-id").empty()) << path;
  }
}

// curl would normalize "..", so these go over a raw socket, byte for byte.
TEST_F(StaticSiteTest, TraversalNeverLeavesTheDirectory) {
  std::string secret_name = web_dir_->filename().string() + "-secret.txt";
  for (const std::string& target : std::vector<std::string>{
           "/../" + secret_name, "/%2e%2e/" + secret_name, "/assets/..%2f..%2f" + secret_name,
           "/..%5c" + secret_name, "/index.html%00.js", "/%2e%2e%2f%2e%2e%2fetc/passwd",
           "/assets/../../etc/passwd"}) {
    RawConnection conn(server_->port());
    conn.send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    auto r = conn.read_response();
    ASSERT_TRUE(r) << target;
    EXPECT_EQ(r->status, 400) << target << "\n" << r->head;
    EXPECT_EQ(r->body.find("top secret"), std::string::npos) << target;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << target;
  }
}

TEST(StaticSiteStartup, AWebDirWithoutIndexStopsStartupNamingTheVariable) {
  std::string tmpl = (fs::temp_directory_path() / "prism-web-empty-XXXXXX").string();
  ASSERT_TRUE(::mkdtemp(tmpl.data()));
  ServerProcess server({{"WEB_DIR", tmpl}}, false);
  auto code = server.wait_exit(std::chrono::seconds(10));
  fs::remove_all(tmpl);
  ASSERT_TRUE(code) << "prism kept running without index.html";
  EXPECT_NE(*code, 0);
  EXPECT_NE(server.log().find("WEB_DIR"), std::string::npos) << server.log();
  EXPECT_NE(server.log().find("index.html"), std::string::npos) << server.log();
}

}  // namespace
}  // namespace prism
