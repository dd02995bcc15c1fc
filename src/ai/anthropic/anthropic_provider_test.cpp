#include "ai/anthropic/anthropic_provider.hpp"

#include <gtest/gtest.h>

namespace prism::ai {
namespace {

TEST(AnthropicProvider, AJsonAnswerWithASchemaIsAForcedToolCall) {
  AnthropicProvider p(RemoteSettings{"sk-ant", "https://api.anthropic.com", "claude-opus-4-1", {}});
  CompletionRequest r;
  r.system = "You write stories.";
  r.messages = {{"user", "hi"}};
  r.json_output = true;
  r.json_schema = json::object{{"type", "object"}, {"required", json::array{"stories"}}};
  r.json_schema_name = "stories";
  json::object body = json::parse(p.request_body(r)).as_object();
  EXPECT_EQ(body.at("system").as_string(), "You write stories.");
  ASSERT_EQ(body.at("tools").as_array().size(), 1u);
  const auto& tool = body.at("tools").at(0).as_object();
  EXPECT_EQ(tool.at("name").as_string(), "stories");
  EXPECT_EQ(tool.at("input_schema"), *r.json_schema);
  EXPECT_EQ(body.at("tool_choice"), (json::object{{"type", "tool"}, {"name", "stories"}}));
}

TEST(AnthropicProvider, BodyAsksForJsonInTheSystemPromptAndClampsMaxTokens) {
  AnthropicProvider p(RemoteSettings{"sk-ant", "https://api.anthropic.com", "claude-opus-4-1", {}});
  CompletionRequest r;
  r.system = "You write PRDs.";
  r.messages = {{"user", "hi"}, {"assistant", "hello"}, {"user", "more"}};
  r.max_tokens = 100000;
  r.temperature = 0.2;
  r.json_output = true;
  json::object body = json::parse(p.request_body(r)).as_object();
  EXPECT_FALSE(body.contains("tools"));
  EXPECT_EQ(body.at("model").as_string(), "claude-opus-4-1");
  EXPECT_EQ(body.at("max_tokens").as_int64(), 32000);
  EXPECT_DOUBLE_EQ(body.at("temperature").as_double(), 0.2);
  std::string system(body.at("system").as_string());
  EXPECT_EQ(system.rfind("You write PRDs.", 0), 0u);
  EXPECT_NE(system.find("JSON"), std::string::npos);
  EXPECT_EQ(body.at("messages").as_array().size(), 3u);
  EXPECT_EQ(body.at("stream").as_bool(), true);
}

TEST(AnthropicProvider, NoSystemFieldWithoutASystemPrompt) {
  AnthropicProvider p(
      RemoteSettings{"sk-ant", "https://api.anthropic.com", "claude-sonnet-4-5", {}});
  CompletionRequest r;
  r.messages = {{"user", "hi"}};
  json::object body = json::parse(p.request_body(r)).as_object();
  EXPECT_FALSE(body.contains("system"));
  EXPECT_EQ(p.models().front().id, "claude-sonnet-4-5");
}

}  // namespace
}  // namespace prism::ai
