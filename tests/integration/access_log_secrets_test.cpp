// Secrets in paths (share links, invitation tokens) never reach the access
// log, whatever route the request took: an API route, a wrong method, a path
// no route knows, or a page of the web app.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/raw_connection.hpp"
#include "support/server_process.hpp"

namespace prism {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using testing::HttpClient;
using testing::ServerProcess;

TEST(AccessLogSecrets, TokensInPathsAreNeverLogged) {
  std::string tmpl = (fs::temp_directory_path() / "prism-log-web-XXXXXX").string();
  ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
  fs::path web = tmpl;
  fs::create_directories(web / "assets");
  std::ofstream(web / "index.html") << "<!doctype html><div id=root></div>";
  std::ofstream(web / "assets" / "app-77aa.js") << "console.log(1)";
  {
    ServerProcess server({{"LOG_LEVEL", "info"}, {"WEB_DIR", web.string()}});
    HttpClient client(server.base_url());
    auto user = testing::register_user(client, "logsecrets");
    auto p = client.post("/api/v1/orgs/" + user.org_id + "/projects",
                         json::object{{"name", "Logs"}, {"key", "LOG"}});
    testing::expect_status(p, 201, "create project");
    auto d = client.post("/api/v1/projects/" + std::string(p.json().at("id").as_string()) +
                             "/documents",
                         json::object{{"title", "Shared"}, {"content", "hello"}});
    testing::expect_status(d, 201, "create document");
    auto s = client.post("/api/v1/documents/" + std::string(d.json().at("id").as_string()) + "/shares");
    testing::expect_status(s, 201, "create share");
    const std::string share = std::string(s.json().at("token").as_string());
    // Made-up secrets for the paths whose token is never checked.
    const std::string invitation = "invitationSecretTok3nQ9";
    const std::string other = "anotherSecretTok3nZ7";

    HttpClient anonymous(server.base_url());
    EXPECT_EQ(anonymous.get("/api/v1/shared/" + share).status, 200);
    anonymous.get("/api/v1/shared/" + share + "?download=1");
    anonymous.post("/api/v1/shared/" + share);                 // 405
    anonymous.get("/api/v1/shared/" + share + "/x");            // 404, no route
    anonymous.post("/api/v1/invitations/" + invitation + "/accept");
    anonymous.get("/api/v1/invitations/" + invitation + "/accept");  // 405
    anonymous.get("/api/v1/invitations/" + invitation);             // 404, no route
    anonymous.get("/shared/" + share);                              // the web app's page
    anonymous.request("HEAD", "/invitations/" + invitation);
    anonymous.get("/nowhere/" + other);
    anonymous.get("/api/v1/" + other);
    // The answer a request logs is written after it is sent: wait for the last one.
    EXPECT_EQ(anonymous.get("/assets/app-77aa.js").status, 200);
    std::string log;
    for (int i = 0; i < 50; ++i) {
      log = server.log();
      if (log.find("app-77aa.js") != std::string::npos) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    // The log is there, with the paths that are not secret.
    EXPECT_NE(log.find("/assets/app-77aa.js"), std::string::npos) << log;
    EXPECT_NE(log.find("/api/v1/shared/"), std::string::npos) << log;
    for (const std::string& secret : {share, invitation, other}) {
      EXPECT_EQ(log.find(secret), std::string::npos) << secret << " is in the log:\n" << log;
    }
  }
  fs::remove_all(web);
}

}  // namespace
}  // namespace prism
