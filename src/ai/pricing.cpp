#include "ai/pricing.hpp"

#include <algorithm>
#include <array>

namespace prism::ai {

namespace {

// Public list prices (USD per million tokens) at the time of writing;
// AI_PRICES overrides them without a release.
const std::array kModels = {
    KnownModel{"anthropic", {"claude-sonnet-4-5", 200000, 64000}, {3.0, 15.0}},
    KnownModel{"anthropic", {"claude-opus-4-5", 200000, 64000}, {5.0, 25.0}},
    KnownModel{"anthropic", {"claude-haiku-4-5", 200000, 64000}, {1.0, 5.0}},
    KnownModel{"anthropic", {"claude-opus-4-1", 200000, 32000}, {15.0, 75.0}},
    KnownModel{"anthropic", {"claude-sonnet-4", 200000, 64000}, {3.0, 15.0}},
    KnownModel{"anthropic", {"claude-3-5-haiku", 200000, 8192}, {0.8, 4.0}},
    KnownModel{"openai", {"gpt-4o-mini", 128000, 16384}, {0.15, 0.60}},
    KnownModel{"openai", {"gpt-4o", 128000, 16384}, {2.50, 10.0}},
    KnownModel{"openai", {"gpt-4.1", 1047576, 32768}, {2.0, 8.0}},
    KnownModel{"openai", {"gpt-4.1-mini", 1047576, 32768}, {0.40, 1.60}},
    KnownModel{"openai", {"gpt-4.1-nano", 1047576, 32768}, {0.10, 0.40}},
    KnownModel{"openai", {"gpt-5", 400000, 128000}, {1.25, 10.0}},
    KnownModel{"openai", {"gpt-5-mini", 400000, 128000}, {0.25, 2.0}},
    KnownModel{"openai", {"gpt-5-nano", 400000, 128000}, {0.05, 0.40}},
};

bool matches(std::string_view model, std::string_view known) {
  if (model.substr(0, known.size()) != known) return false;
  // "gpt-4o" must not claim "gpt-4o-mini": a longer known id wins below, and
  // a prefix only counts at a separator.
  return model.size() == known.size() || model[known.size()] == '-';
}

}  // namespace

std::vector<ModelInfo> known_models(std::string_view provider) {
  std::vector<ModelInfo> out;
  for (const auto& m : kModels) {
    if (m.provider == provider) out.push_back(m.info);
  }
  return out;
}

std::optional<KnownModel> find_known_model(std::string_view model) {
  const KnownModel* best = nullptr;
  for (const auto& m : kModels) {
    if (matches(model, m.info.id) && (best == nullptr || m.info.id.size() > best->info.id.size()))
      best = &m;
  }
  if (best == nullptr) return std::nullopt;
  return *best;
}

int clamp_max_tokens(std::string_view model, int requested) {
  auto known = find_known_model(model);
  if (!known || requested <= known->info.max_output_tokens) return requested;
  return static_cast<int>(known->info.max_output_tokens);
}

PriceTable::PriceTable(std::map<std::string, config::ModelPrice> overrides)
    : overrides_(overrides.begin(), overrides.end()) {}

std::optional<config::ModelPrice> PriceTable::price(std::string_view model) const {
  if (auto it = overrides_.find(model); it != overrides_.end()) return it->second;
  const config::ModelPrice* best = nullptr;
  std::size_t best_len = 0;
  for (const auto& [id, price] : overrides_) {
    if (matches(model, id) && id.size() > best_len) {
      best = &price;
      best_len = id.size();
    }
  }
  auto known = find_known_model(model);
  if (best != nullptr && (!known || best_len >= known->info.id.size())) return *best;
  if (known) return known->price;
  return std::nullopt;
}

double PriceTable::cost_usd(std::string_view provider, std::string_view model,
                            const Usage& usage) const {
  if (provider == "template") return 0;
  auto p = price(model);
  if (!p) return 0;
  return (static_cast<double>(usage.input_tokens) * p->input_per_mtok +
          static_cast<double>(usage.output_tokens) * p->output_per_mtok) /
         1e6;
}

}  // namespace prism::ai
