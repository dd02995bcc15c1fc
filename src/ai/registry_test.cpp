#include "ai/registry.hpp"

#include <gtest/gtest.h>

namespace prism::ai {
namespace {

// A stand-in for the offline provider the application registers.
class NamedProvider : public Provider {
 public:
  std::string name() const override { return "template"; }
  std::string label() const override { return "Template (offline, not AI)"; }
  bool is_ai() const override { return false; }
  std::string default_model() const override { return "template-v1"; }
  std::vector<ModelInfo> models() const override { return {{"template-v1", 0, 0}}; }
  CompletionResult stream(const CompletionRequest&, const std::function<void(std::string_view)>&,
                          const CancelToken&) override {
    return {};
  }
};

TEST(ProviderRegistry, HoldsOnlyConfiguredProviders) {
  ProviderRegistry none(config::load_ai_config({}));
  EXPECT_EQ(none.find("anthropic"), nullptr);
  EXPECT_EQ(none.find("openai"), nullptr);
  EXPECT_THROW(none.default_provider(), std::logic_error);
  none.add(std::make_unique<NamedProvider>());
  EXPECT_EQ(none.default_provider().name(), "template");

  ProviderRegistry both(config::load_ai_config({{"ANTHROPIC_API_KEY", "sk-ant"},
                                                {"OPENAI_BASE_URL", "http://localhost:11434/v1"},
                                                {"OPENAI_MODEL", "llama3.1"},
                                                {"AI_DEFAULT_PROVIDER", "openai"}}));
  ASSERT_NE(both.find("anthropic"), nullptr);
  ASSERT_NE(both.find("openai"), nullptr);
  EXPECT_EQ(both.default_provider().name(), "openai");
  EXPECT_EQ(both.find("openai")->default_model(), "llama3.1");
}

TEST(ProviderRegistry, DescribesProvidersForTheApi) {
  ProviderRegistry registry(config::load_ai_config({{"ANTHROPIC_API_KEY", "sk-ant"}}));
  registry.add(std::make_unique<NamedProvider>());
  json::object doc = registry.describe();
  EXPECT_EQ(doc.at("default").as_string(), "template");
  const auto& list = doc.at("items").as_array();
  ASSERT_EQ(list.size(), 2u);
  const auto& anthropic = list.at(0).as_object();
  EXPECT_EQ(anthropic.at("name").as_string(), "anthropic");
  EXPECT_EQ(anthropic.at("is_ai").as_bool(), true);
  EXPECT_EQ(anthropic.at("default").as_bool(), false);
  EXPECT_EQ(anthropic.at("default_model").as_string(), "claude-sonnet-4-5");
  EXPECT_EQ(anthropic.at("models").as_array().at(0).at("id").as_string(), "claude-sonnet-4-5");
  const auto& tmpl = list.at(1).as_object();
  EXPECT_EQ(tmpl.at("is_ai").as_bool(), false);
  EXPECT_EQ(tmpl.at("default").as_bool(), true);
  EXPECT_EQ(json::serialize(doc).find("sk-ant"), std::string::npos);
}

TEST(ProviderRegistry, DescribesExactlyWhatIsConfigured) {
  ProviderRegistry ollama(
      config::load_ai_config({{"OPENAI_BASE_URL", "http://ollama.internal:11434/v1"},
                              {"OPENAI_MODEL", "llama3.1"},
                              {"AI_DEFAULT_PROVIDER", "openai"}}));
  json::object doc = ollama.describe();
  EXPECT_EQ(doc.at("default").as_string(), "openai");
  const auto& list = doc.at("items").as_array();
  ASSERT_EQ(list.size(), 1u) << json::serialize(doc);
  EXPECT_EQ(list.at(0).at("name").as_string(), "openai");
  EXPECT_EQ(list.at(0).at("default_model").as_string(), "llama3.1");
  // A compatible server lists only the model it was configured with.
  ASSERT_EQ(list.at(0).at("models").as_array().size(), 1u);
  EXPECT_EQ(list.at(0).at("models").at(0).at("id").as_string(), "llama3.1");
  EXPECT_EQ(json::serialize(doc).find("ollama.internal"), std::string::npos)
      << "base URLs stay on the server";

  // The default named but not registered (the application adds the template
  // provider itself) is reported as no default rather than a dangling name.
  ProviderRegistry bare(config::load_ai_config({}));
  json::object empty = bare.describe();
  EXPECT_TRUE(empty.at("default").is_null());
  EXPECT_TRUE(empty.at("items").as_array().empty());
}

}  // namespace
}  // namespace prism::ai
