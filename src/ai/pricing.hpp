#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ai/provider.hpp"
#include "config/ai_config.hpp"

namespace prism::ai {

// What one model costs and how much it holds, as built into PRISM. Dated
// snapshots ("claude-sonnet-4-5-20250929") match their alias by prefix.
struct KnownModel {
  std::string_view provider;
  ModelInfo info;
  config::ModelPrice price;
};

// The built-in models of a provider ("anthropic", "openai"), newest first.
std::vector<ModelInfo> known_models(std::string_view provider);
// The built-in entry for a model id (longest known prefix), if any.
std::optional<KnownModel> find_known_model(std::string_view model);
// `requested` limited to the model's maximum output; unknown models keep it.
int clamp_max_tokens(std::string_view model, int requested);

// USD prices per million tokens: the built-in table under the overrides of
// AI_PRICES_FILE / AI_PRICES. Unknown and local models cost 0.
class PriceTable {
 public:
  explicit PriceTable(std::map<std::string, config::ModelPrice> overrides = {});
  std::optional<config::ModelPrice> price(std::string_view model) const;
  double cost_usd(std::string_view provider, std::string_view model, const Usage& usage) const;

 private:
  std::map<std::string, config::ModelPrice, std::less<>> overrides_;
};

}  // namespace prism::ai
