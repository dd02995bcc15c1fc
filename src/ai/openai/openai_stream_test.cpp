#include "ai/openai/openai_stream.hpp"

#include <gtest/gtest.h>

namespace prism::ai {
namespace {

SseEvent data(std::string d) { return SseEvent{"message", std::move(d), ""}; }

TEST(OpenAiStream, FoldsChunksUsageAndDone) {
  std::string seen;
  OpenAiStream s([&](std::string_view d) { seen += d; });
  s.on_event(data(
      R"({"model":"gpt-x","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null})"));
  s.on_event(data(
      R"({"model":"gpt-x","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]})"));
  s.on_event(data(
      R"({"model":"gpt-x","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":null}]})"));
  s.on_event(
      data(R"({"model":"gpt-x","choices":[{"index":0,"delta":{},"finish_reason":"length"}]})"));
  EXPECT_FALSE(s.usage_seen());
  s.on_event(data(
      R"({"model":"gpt-x","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}})"));
  s.on_event(data("[DONE]"));
  EXPECT_NO_THROW(s.finish());
  EXPECT_EQ(seen, "Hello");
  EXPECT_EQ(s.result().model, "gpt-x");
  EXPECT_EQ(s.result().stop_reason, "length");
  EXPECT_TRUE(s.usage_seen());
  EXPECT_EQ(s.result().usage.input_tokens, 9);
  EXPECT_EQ(s.result().usage.output_tokens, 2);
}

TEST(OpenAiStream, AnErrorObjectThrowsAndAnUnfinishedStreamIsUnavailable) {
  OpenAiStream s([](std::string_view) {});
  s.on_event(data(R"({"choices":[{"index":0,"delta":{"content":"x"}}]})"));
  EXPECT_THROW(s.finish(), ProviderError);
  try {
    s.on_event(data(R"({"error":{"message":"The server had an error","type":"server_error"}})"));
    FAIL();
  } catch (const ProviderError& e) {
    EXPECT_EQ(e.kind(), ProviderError::Kind::kUnavailable);
  }
}

TEST(EstimateTokens, CountsCharactersNotBytes) {
  EXPECT_EQ(estimate_stream_tokens(""), 0);
  EXPECT_EQ(estimate_stream_tokens("abcd"), 1);
  EXPECT_EQ(estimate_stream_tokens("abcde"), 2);
  EXPECT_EQ(estimate_stream_tokens("日本語です"), 2);  // 5 characters, 15 bytes
}

}  // namespace
}  // namespace prism::ai
