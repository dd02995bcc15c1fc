#include "ai/pricing.hpp"

#include <gtest/gtest.h>

namespace prism::ai {
namespace {

TEST(Pricing, KnownModelsAndDatedSnapshotsArePriced) {
  PriceTable table;
  Usage usage{1'000'000, 100'000, false};
  EXPECT_DOUBLE_EQ(table.cost_usd("anthropic", "claude-sonnet-4-5", usage), 3.0 + 1.5);
  EXPECT_DOUBLE_EQ(table.cost_usd("anthropic", "claude-sonnet-4-5-20250929", usage), 4.5);
  EXPECT_DOUBLE_EQ(table.cost_usd("openai", "gpt-4o-mini-2024-07-18", usage), 0.15 + 0.06);
  EXPECT_DOUBLE_EQ(table.cost_usd("openai", "gpt-4o", usage), 2.5 + 1.0);
}

TEST(Pricing, UnknownLocalAndTemplateModelsCostNothing) {
  PriceTable table;
  Usage usage{5000, 5000, true};
  EXPECT_EQ(table.cost_usd("openai", "llama3.1:8b", usage), 0);
  EXPECT_EQ(table.cost_usd("openai", "gpt-4omni", usage), 0);
  EXPECT_EQ(table.cost_usd("template", "claude-sonnet-4-5", usage), 0);
}

TEST(Pricing, OverridesWinAndAddModels) {
  PriceTable table({{"claude-sonnet-4-5", {1.0, 2.0}}, {"llama3.1", {0.5, 0.5}}});
  Usage usage{2'000'000, 1'000'000, false};
  EXPECT_DOUBLE_EQ(table.cost_usd("anthropic", "claude-sonnet-4-5-20250929", usage), 4.0);
  EXPECT_DOUBLE_EQ(table.cost_usd("openai", "llama3.1", usage), 1.5);
  EXPECT_DOUBLE_EQ(table.cost_usd("openai", "gpt-4o", usage), 15.0);
}

TEST(Pricing, MaxTokensAreClampedToTheModel) {
  EXPECT_EQ(clamp_max_tokens("gpt-4o-mini", 100000), 16384);
  EXPECT_EQ(clamp_max_tokens("claude-opus-4-1-20250805", 50000), 32000);
  EXPECT_EQ(clamp_max_tokens("claude-sonnet-4-5", 4096), 4096);
  EXPECT_EQ(clamp_max_tokens("qwen2.5", 100000), 100000);
  EXPECT_FALSE(known_models("anthropic").empty());
  EXPECT_TRUE(known_models("template").empty());
}

}  // namespace
}  // namespace prism::ai
