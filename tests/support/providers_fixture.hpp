#pragma once

// The Anthropic and OpenAI providers against a local server speaking their
// exact streaming wire formats: one fixture, every test run for both.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ai/anthropic/anthropic_provider.hpp"
#include "ai/openai/openai_provider.hpp"
#include "support/fake_llm_server.hpp"

namespace prism::ai::provider_tests {

using prism::testing::FakeLlmServer;
using prism::testing::FakeReply;
using Kind = ProviderError::Kind;
using Clock = std::chrono::steady_clock;

inline constexpr const char* kKey = "sk-test-0123456789abcdef";

inline long long millis_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

class ProvidersTest : public ::testing::TestWithParam<std::string> {
 protected:
  bool anthropic() const { return GetParam() == "anthropic"; }

  std::unique_ptr<Provider> make(int max_retries = 3, int idle_seconds = 10,
                                 std::string key = kKey) {
    RemoteSettings s;
    s.api_key = std::move(key);
    s.base_url = anthropic() ? server_.anthropic_base_url() : server_.openai_base_url();
    s.model = anthropic() ? "claude-sonnet-4-5" : "gpt-4o-mini";
    s.transport.connect_timeout_seconds = 2;
    s.transport.idle_timeout_seconds = idle_seconds;
    s.transport.max_retries = max_retries;
    s.transport.backoff_base = std::chrono::milliseconds(10);
    s.transport.backoff_cap = std::chrono::milliseconds(50);
    if (anthropic()) return std::make_unique<AnthropicProvider>(s);
    return std::make_unique<OpenAiProvider>(s);
  }

  static CompletionRequest request() {
    CompletionRequest r;
    r.system = "You write product requirements.";
    r.messages = {{"user", "Write a PRD for a habit tracker."}};
    r.max_tokens = 1000;
    return r;
  }

  // Runs a call; returns the thrown error kind, or nullopt on success.
  std::optional<Kind> run(Provider& p, CompletionResult* out = nullptr,
                          const CancelToken* cancel = nullptr) {
    CancelToken none;
    try {
      auto result = p.stream(
          request(), [&](std::string_view d) { deltas_.emplace_back(d); }, cancel ? *cancel : none);
      if (out) *out = result;
      return std::nullopt;
    } catch (const ProviderError& e) {
      error_message_ = e.what();
      EXPECT_EQ(e.provider(), GetParam());
      return e.kind();
    }
  }

  FakeLlmServer server_;
  std::vector<std::string> deltas_;
  std::string error_message_;
};

inline std::string provider_param_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

}  // namespace prism::ai::provider_tests
