#pragma once

// Generations through the real binary and a local server speaking the
// OpenAI and Anthropic streaming wire formats, configured exactly as a user
// would: OPENAI_BASE_URL / ANTHROPIC_BASE_URL (and keys), AI_DEFAULT_PROVIDER.

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "documents_fixture.hpp"
#include "support/fake_llm_server.hpp"
#include "support/org_helpers.hpp"
#include "support/sse_client.hpp"

namespace prism::testing {

class LlmGenerationsTest : public DocumentsApiTest {
 protected:
  static void SetUpTestSuite() {
    llm_ = std::make_unique<FakeLlmServer>();
    sink_ = std::make_unique<SmtpSink>();
    server_ =
        std::make_unique<ServerProcess>(EnvVars{{"SMTP_URL", sink_->url()},
                                                {"AI_DEFAULT_PROVIDER", "openai"},
                                                {"OPENAI_BASE_URL", llm_->openai_base_url()},
                                                {"OPENAI_API_KEY", "sk-test-openai-0123456789"},
                                                {"OPENAI_MODEL", "gpt-4o-mini"},
                                                {"ANTHROPIC_BASE_URL", llm_->anthropic_base_url()},
                                                {"ANTHROPIC_API_KEY", "sk-ant-test-0123456789"},
                                                {"AI_MAX_RETRIES", "0"},
                                                {"SSE_HEARTBEAT_SECONDS", "1"},
                                                {"AI_MAX_CONCURRENT_PER_ORG", "20"}});
  }
  static void TearDownTestSuite() {
    DocumentsApiTest::TearDownTestSuite();
    llm_.reset();
  }

  std::string generations_path() const { return "/api/v1/projects/" + project_ + "/generations"; }
  static std::string generation_path(const std::string& id, const std::string& suffix = "") {
    return "/api/v1/generations/" + id + suffix;
  }

  static json::object prd_body(const std::string& product = "Acme") {
    return json::object{{"kind", "prd"},
                        {"input", json::object{{"product_name", product},
                                               {"description", "A tool for teams"},
                                               {"key_features", json::array{"search"}}}}};
  }

  // POST …/generations as the owner; the 202 body.
  json::value start(const json::object& body) {
    auto r = owner().post(generations_path(), body);
    EXPECT_EQ(r.status, 202) << r.body;
    return r.json();
  }

  SseClient events(const std::string& id, std::optional<std::string> last_event_id = {}) {
    return SseClient(server_->port(), generation_path(id, "/events"), owner().bearer(),
                     std::move(last_event_id));
  }

  // Polls GET /generations/{id} until it has ended.
  json::value wait_finished(const std::string& id) {
    for (int i = 0; i < 400; ++i) {
      auto r = owner().get(generation_path(id));
      auto g = r.json();
      std::string status = str(g, "status");
      if (status != "queued" && status != "running") return g;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    ADD_FAILURE() << "generation " << id << " did not finish";
    return {};
  }

  static inline std::unique_ptr<FakeLlmServer> llm_;
};

// The concatenated text of the delta events.
inline std::string delta_text(const std::vector<SseEvent>& events) {
  std::string out;
  for (const auto& e : events) {
    if (e.event == "delta") out += boost::json::parse(e.data).at("text").as_string();
  }
  return out;
}

}  // namespace prism::testing
