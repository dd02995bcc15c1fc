#include "ai/openai/openai_provider.hpp"

#include <gtest/gtest.h>

namespace prism::ai {
namespace {

json::object body_for(const std::string& base_url, CompletionRequest request) {
  OpenAiProvider p(RemoteSettings{"sk-x", base_url, "gpt-4o-mini", {}});
  return json::parse(p.request_body(request)).as_object();
}

TEST(OpenAiProvider, TheOfficialApiGetsMaxCompletionTokensAndJsonSchema) {
  CompletionRequest r;
  r.system = "sys";
  r.messages = {{"user", "hi"}};
  r.max_tokens = 100000;
  r.json_output = true;
  r.json_schema = json::object{{"type", "object"}};
  json::object body = body_for("https://api.openai.com/v1", r);
  EXPECT_EQ(body.at("max_completion_tokens").as_int64(), 16384);  // clamped to gpt-4o-mini
  EXPECT_FALSE(body.contains("max_tokens"));
  EXPECT_EQ(body.at("response_format").at("type").as_string(), "json_schema");
  EXPECT_EQ(body.at("response_format").at("json_schema").at("strict").as_bool(), true);
  EXPECT_EQ(body.at("response_format").at("json_schema").at("name").as_string(), "result");
  EXPECT_EQ(body.at("response_format").at("json_schema").at("schema").at("type").as_string(),
            "object");
  EXPECT_TRUE(body.contains("temperature"));
}

TEST(OpenAiProvider, ReasoningModelsKeepTheirTemperature) {
  CompletionRequest r;
  r.model = "gpt-5-mini";
  r.messages = {{"user", "hi"}};
  json::object body = body_for("https://api.openai.com/v1", r);
  EXPECT_FALSE(body.contains("temperature"));
  EXPECT_EQ(body.at("model").as_string(), "gpt-5-mini");
  EXPECT_FALSE(body.contains("response_format"));
}

TEST(OpenAiProvider, ACompatibleServerListsItsConfiguredModel) {
  OpenAiProvider local(RemoteSettings{"", "http://localhost:11434/v1", "llama3.1", {}});
  ASSERT_EQ(local.models().size(), 1u);
  EXPECT_EQ(local.models()[0].id, "llama3.1");
  EXPECT_EQ(local.label(), "OpenAI-compatible server");
  EXPECT_EQ(local.label().find("localhost"), std::string::npos) << "users do not see the address";
  OpenAiProvider official(RemoteSettings{"sk", "https://api.openai.com/v1", "gpt-4o-mini", {}});
  EXPECT_GT(official.models().size(), 1u);
  EXPECT_EQ(official.label(), "OpenAI");
}

}  // namespace
}  // namespace prism::ai
