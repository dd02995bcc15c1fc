#pragma once

// The generation service on a real SQLite database with a scripted provider
// (the stand-in for a paid LLM API), shared by the service's unit tests.
#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <memory>
#include <thread>

#include "cache/memory/memory_cache.hpp"
#include "services/generations/generation_service.hpp"
#include "services/orgs/projects_service.hpp"
#include "services/orgs/testing_orgs.hpp"

namespace prism::services::generations::service_testing {

// A stand-in for a paid LLM API: answers from a script, counts its calls,
// and (when told) streams a little and then waits for the cancel token.
class ScriptedProvider : public ai::Provider {
 public:
  std::string name() const override { return "scripted"; }
  std::string label() const override { return "Scripted"; }
  std::string default_model() const override { return "scripted-1"; }
  std::vector<ai::ModelInfo> models() const override { return {{"scripted-1", 8000, 2000}}; }

  ai::CompletionResult stream(const ai::CompletionRequest& request,
                              const std::function<void(std::string_view)>& on_delta,
                              const ai::CancelToken& cancel) override {
    ++calls;
    last_request = request;
    if (block_until_cancel) {
      on_delta("partial ");
      while (!cancel.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      throw ai::ProviderError(ai::ProviderError::Kind::kCancelled, name(), "cancelled");
    }
    std::string answer = default_answer;
    if (!answers.empty()) {
      answer = answers.front();
      answers.pop_front();
    }
    for (std::size_t i = 0; i < answer.size(); i += 7) on_delta(answer.substr(i, 7));
    return ai::CompletionResult{answer, ai::Usage{100, 50, false}, request.model, "stop"};
  }

  std::atomic<int> calls{0};
  std::atomic<bool> block_until_cancel{false};
  std::deque<std::string> answers;
  std::string default_answer = "# Acme\n\n## Summary\n\nA generated PRD.\n";
  ai::CompletionRequest last_request;
};

inline ParsedStories parse_story_array(std::string_view text) {
  auto v = json::parse(text);
  if (!v.is_array()) throw std::runtime_error("expected a JSON array");
  return {v.as_array(), std::nullopt};
}

class GenerationServiceTest : public ::testing::Test, protected services::testing::TwoOrgs {
 protected:
  void SetUp() override {
    project = ProjectsService(tdb.db()).create(as_owner, org, {"Web", "WEB", ""}).id;
    AiHooks hooks;
    hooks.find_provider = [this](std::string_view,
                                 std::string_view name) -> std::shared_ptr<ai::Provider> {
      return name.empty() || name == "scripted" ? borrow(provider) : nullptr;
    };
    hooks.cost_usd = [](std::string_view, std::string_view, const ai::Usage& u) {
      return static_cast<double>(u.input_tokens + u.output_tokens) / 1000.0;
    };
    hooks.build_requests = [this](const PromptContext& c) {
      std::vector<ai::CompletionRequest> requests;
      int parts = c.kind == "stories" ? story_parts : 1;
      for (int i = 0; i < parts; ++i) {
        ai::CompletionRequest r;
        r.system = "kind " + c.kind + " part " + std::to_string(i + 1);
        r.messages.push_back({"user", json::serialize(c.input)});
        requests.push_back(std::move(r));
      }
      return requests;
    };
    hooks.parse_stories = parse_story_array;
    hooks.merge_stories = [this](const std::vector<json::array>& parts, int count) {
      merged_parts = parts;
      merged_count = count;
      json::array all;
      for (const auto& part : parts) {
        for (const auto& s : part) {
          if (static_cast<int>(all.size()) < count) all.push_back(s);
        }
      }
      return all;
    };
    hooks.repair_request = [](const ai::CompletionRequest& original, std::string_view,
                              std::string_view problem) {
      ai::CompletionRequest r = original;
      r.messages.push_back({"user", "fix: " + std::string(problem)});
      return r;
    };
    hooks.add_stories_in_tx = [this](store::Tx&, const StoriesToAdd& add) {
      added_stories += static_cast<int>(add.stories.size());
      return add.stories;
    };
    GenerationLimits limits;
    limits.max_running_per_org = 2;
    limits.per_user_per_hour = 20;
    service = std::make_unique<GenerationService>(tdb.db(), cache, documents, hooks, limits);
  }

  json::object prd_body(bool use_cache = true) {
    return json::object{{"kind", "prd"},
                        {"input", json::object{{"product_name", "Acme"},
                                               {"description", "  A  tool\nfor teams "},
                                               {"key_features", json::array{"search"}}}},
                        {"cache", use_cache}};
  }

  std::string finished(const json::object& body, const Caller& who) {
    auto started = service->start(who, project, body);
    service->wait_idle();
    return started.id;
  }

  std::string make_document(const std::string& content) {
    return documents
        .create(as_owner, project, NewDocument{"Spec", content, std::nullopt, std::nullopt})
        .document.id;
  }

  cache::MemoryCache cache;
  DocumentsService documents{tdb.db()};
  ScriptedProvider provider;
  std::unique_ptr<GenerationService> service;
  int added_stories = 0;
  int story_parts = 1;  // stories: requests per generation, as for a long document
  std::vector<json::array> merged_parts;  // what the merge hook was given
  int merged_count = 0;
  std::string& org = org_a;
  std::string& other_org = org_b;
  std::string project;
};

}  // namespace prism::services::generations::service_testing
