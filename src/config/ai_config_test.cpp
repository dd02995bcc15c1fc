#include "config/ai_config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace prism::config {
namespace {

std::string error_variable(const Env& env) {
  try {
    load_ai_config(env);
  } catch (const ConfigError& e) {
    return e.variable();
  }
  return "";
}

TEST(AiConfig, DefaultsToTheTemplateProviderWithNothingConfigured) {
  AiConfig c = load_ai_config({});
  EXPECT_EQ(c.default_provider, "template");
  EXPECT_FALSE(c.anthropic_configured());
  EXPECT_FALSE(c.openai_configured());
  EXPECT_EQ(c.anthropic_base_url, "https://api.anthropic.com");
  EXPECT_EQ(c.openai_base_url, "https://api.openai.com/v1");
  EXPECT_EQ(c.cache_ttl_seconds, 7 * 24 * 3600);
  EXPECT_EQ(c.max_concurrent_per_org, 3);
  EXPECT_EQ(c.worker_threads, 8);
  EXPECT_EQ(c.rate_limit_per_user_per_hour, 60);
  EXPECT_EQ(c.connect_timeout_seconds, 10);
  EXPECT_EQ(c.idle_timeout_seconds, 60);
  EXPECT_EQ(c.max_retries, 3);
}

TEST(AiConfig, AnthropicNeedsAKeyToBeTheDefault) {
  EXPECT_EQ(error_variable({{"AI_DEFAULT_PROVIDER", "anthropic"}}), "AI_DEFAULT_PROVIDER");
  AiConfig c = load_ai_config({{"AI_DEFAULT_PROVIDER", "anthropic"}, {"ANTHROPIC_API_KEY", "sk-ant-x"}});
  EXPECT_TRUE(c.anthropic_configured());
  EXPECT_EQ(c.default_provider, "anthropic");
}

TEST(AiConfig, OpenAiCompatibleServerNeedsNoKey) {
  EXPECT_EQ(error_variable({{"AI_DEFAULT_PROVIDER", "openai"}}), "AI_DEFAULT_PROVIDER");
  AiConfig c = load_ai_config({{"AI_DEFAULT_PROVIDER", "openai"}, {"OPENAI_BASE_URL", "http://localhost:11434/v1/"}});
  EXPECT_TRUE(c.openai_configured());
  EXPECT_EQ(c.openai_base_url, "http://localhost:11434/v1");
}

TEST(AiConfig, RejectsBadValuesNamingTheVariable) {
  EXPECT_EQ(error_variable({{"AI_DEFAULT_PROVIDER", "gemini"}}), "AI_DEFAULT_PROVIDER");
  EXPECT_EQ(error_variable({{"ANTHROPIC_BASE_URL", "ftp://x"}}), "ANTHROPIC_BASE_URL");
  EXPECT_EQ(error_variable({{"OPENAI_BASE_URL", "localhost:11434"}}), "OPENAI_BASE_URL");
  EXPECT_EQ(error_variable({{"AI_MAX_RETRIES", "-1"}}), "AI_MAX_RETRIES");
  EXPECT_EQ(error_variable({{"AI_IDLE_TIMEOUT_SECONDS", "soon"}}), "AI_IDLE_TIMEOUT_SECONDS");
  EXPECT_EQ(error_variable({{"AI_MAX_CONCURRENT_PER_ORG", "0"}}), "AI_MAX_CONCURRENT_PER_ORG");
  EXPECT_EQ(error_variable({{"AI_WORKER_THREADS", "0"}}), "AI_WORKER_THREADS");
  EXPECT_EQ(error_variable({{"AI_WORKER_THREADS", "5000"}}), "AI_WORKER_THREADS");
  EXPECT_EQ(error_variable({{"AI_TEMPLATE_CHUNK_DELAY_MS", "1001"}}), "AI_TEMPLATE_CHUNK_DELAY_MS");
  EXPECT_EQ(error_variable({{"AI_PRICES", "[1]"}}), "AI_PRICES");
  EXPECT_EQ(error_variable({{"AI_PRICES", R"({"m":{"input":1}})"}}), "AI_PRICES");
  EXPECT_EQ(error_variable({{"AI_PRICES", R"({"m":{"input":-1,"output":2}})"}}), "AI_PRICES");
  EXPECT_EQ(error_variable({{"AI_PRICES_FILE", "/nonexistent/prices.json"}}), "AI_PRICES_FILE");
  EXPECT_EQ(error_variable({{"OPENAI_API_KEY", "sk bad"}}), "OPENAI_API_KEY");
}

TEST(AiConfig, WorkerThreadsAreConfigurable) {
  auto c = load_ai_config({{"AI_WORKER_THREADS", "510"}});
  EXPECT_EQ(c.worker_threads, 510);
  EXPECT_NE(describe(c).find("AI_WORKER_THREADS=510"), std::string::npos);
}

TEST(AiConfig, PerUserCapAndDefaultOrganizationBudget) {
  AiConfig defaults = load_ai_config({});
  EXPECT_EQ(defaults.max_concurrent_per_user, 3);
  EXPECT_FALSE(defaults.default_org_budget_tokens);
  EXPECT_FALSE(defaults.default_org_budget_usd);
  AiConfig c = load_ai_config({{"AI_MAX_CONCURRENT_PER_USER", "5"},
                               {"AI_DEFAULT_ORG_BUDGET_TOKENS", "200000"},
                               {"AI_DEFAULT_ORG_BUDGET_USD", "12.5"}});
  EXPECT_EQ(c.max_concurrent_per_user, 5);
  EXPECT_EQ(c.default_org_budget_tokens, 200000);
  EXPECT_EQ(c.default_org_budget_usd, 12.5);
  std::string text = describe(c);
  EXPECT_NE(text.find("AI_DEFAULT_ORG_BUDGET_TOKENS=200000\n"), std::string::npos) << text;
  EXPECT_NE(text.find("AI_DEFAULT_ORG_BUDGET_USD=12.5\n"), std::string::npos) << text;
  EXPECT_NE(text.find("AI_MAX_CONCURRENT_PER_USER=5\n"), std::string::npos) << text;
  EXPECT_EQ(error_variable({{"AI_MAX_CONCURRENT_PER_USER", "0"}}), "AI_MAX_CONCURRENT_PER_USER");
  for (const char* bad : {"-1", "1.5", "lots", "10k"}) {
    EXPECT_EQ(error_variable({{"AI_DEFAULT_ORG_BUDGET_TOKENS", bad}}),
              "AI_DEFAULT_ORG_BUDGET_TOKENS")
        << bad;
  }
  for (const char* bad : {"-1", "nan", "inf", "$5", "1e13"}) {
    EXPECT_EQ(error_variable({{"AI_DEFAULT_ORG_BUDGET_USD", bad}}), "AI_DEFAULT_ORG_BUDGET_USD")
        << bad;
  }
}

TEST(AiConfig, TemplateChunkDelayIsConfigurable) {
  EXPECT_EQ(load_ai_config({}).template_chunk_delay_ms, 0);
  auto c = load_ai_config({{"AI_TEMPLATE_CHUNK_DELAY_MS", "25"}});
  EXPECT_EQ(c.template_chunk_delay_ms, 25);
  EXPECT_NE(describe(c).find("AI_TEMPLATE_CHUNK_DELAY_MS=25"), std::string::npos);
}

TEST(AiConfig, InlinePricesOverrideTheFile) {
  auto path = std::filesystem::temp_directory_path() / "prism-prices-test.json";
  std::ofstream(path) << R"({"a": {"input": 1, "output": 2}, "b": {"input": 3, "output": 4}})";
  AiConfig c = load_ai_config({{"AI_PRICES_FILE", path.string()}, {"AI_PRICES", R"({"b": {"input": 5, "output": 6}})"}});
  std::filesystem::remove(path);
  ASSERT_EQ(c.price_overrides.size(), 2u);
  EXPECT_DOUBLE_EQ(c.price_overrides["a"].output_per_mtok, 2);
  EXPECT_DOUBLE_EQ(c.price_overrides["b"].input_per_mtok, 5);
}

TEST(AiConfig, DescribeRedactsKeys) {
  AiConfig c = load_ai_config({{"ANTHROPIC_API_KEY", "sk-ant-secret"}, {"OPENAI_API_KEY", "sk-openai-secret"}});
  std::string text = describe(c);
  EXPECT_EQ(text.find("secret"), std::string::npos);
  EXPECT_NE(text.find("ANTHROPIC_API_KEY=(redacted, 13 bytes)"), std::string::npos);
  EXPECT_NE(text.find("AI_PROVIDERS_CONFIGURED=template,anthropic,openai"), std::string::npos);
}

}  // namespace
}  // namespace prism::config
