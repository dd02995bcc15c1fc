// Durability: kill -9 the server in the middle of a stream of concurrent
// document writes, restart it, and every write that was answered 2xx is there
// with exactly the content that was sent.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::HttpClient;
using testing::ServerProcess;

struct Acknowledged {
  std::string document_id;
  std::int64_t version;
  std::string content;
};

TEST(Crash, AcknowledgedWritesSurviveKill9) {
  ServerProcess server;
  HttpClient setup(server.base_url());
  auto user = testing::register_user(setup, "crash", "Crash Org");
  auto project = setup.post("/api/v1/orgs/" + user.org_id + "/projects",
                            json::object{{"name", "Durable"}, {"key", "DUR"}});
  testing::expect_status(project, 201, "create project");
  std::string project_id(project.json().at("id").as_string());

  std::mutex mutex;
  std::vector<Acknowledged> acknowledged;
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < 6; ++w) {
    writers.emplace_back([&, w] {
      HttpClient client(server.base_url());
      client.set_bearer(user.access_token);
      client.set_timeout(std::chrono::milliseconds(3000));
      std::string doc_id;
      std::int64_t version = 0;
      for (int i = 0; !stop; ++i) {
        std::string content = "## Writer " + std::to_string(w) + "\n\nEdit " + std::to_string(i) + "\n";
        testing::HttpResponse r;
        try {
          r = doc_id.empty()
                  ? client.post("/api/v1/projects/" + project_id + "/documents",
                                json::object{{"title", "W" + std::to_string(w)}, {"content", content}})
                  : client.patch("/api/v1/documents/" + doc_id, json::object{{"content", content}},
                                 {{"If-Match", "\"" + std::to_string(version) + "\""}});
        } catch (const std::exception&) {
          return;  // the server is gone
        }
        if (r.status == 0) return;
        if (r.status / 100 != 2) continue;
        auto body = r.json().as_object();
        doc_id = std::string(body.at("id").as_string());
        version = body.at("version").to_number<std::int64_t>();
        std::lock_guard lock(mutex);
        acknowledged.push_back({doc_id, version, content});
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  server.kill9();
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_GT(acknowledged.size(), 20u) << "too few writes happened before the kill to prove anything";

  server.start();
  HttpClient check(server.base_url());
  check.set_bearer(testing::login(check, user.email, user.password));
  for (const auto& ack : acknowledged) {
    auto r = check.get("/api/v1/documents/" + ack.document_id + "/versions/" + std::to_string(ack.version));
    ASSERT_EQ(r.status, 200) << "lost acknowledged write " << ack.document_id << " v" << ack.version;
    EXPECT_EQ(r.json().at("content").as_string(), ack.content);
  }
}

}  // namespace
}  // namespace prism
