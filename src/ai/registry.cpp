#include "ai/registry.hpp"

#include <stdexcept>

#include "ai/anthropic/anthropic_provider.hpp"
#include "ai/openai/openai_provider.hpp"

namespace prism::ai {

http::TransportOptions transport_options(const config::AiConfig& config) {
  http::TransportOptions options;
  options.connect_timeout_seconds = config.connect_timeout_seconds;
  options.idle_timeout_seconds = config.idle_timeout_seconds;
  options.max_retries = config.max_retries;
  return options;
}

ProviderRegistry::ProviderRegistry(const config::AiConfig& config)
    : default_name_(config.default_provider), prices_(config.price_overrides) {
  if (config.anthropic_configured()) {
    add(std::make_unique<AnthropicProvider>(
        RemoteSettings{config.anthropic_api_key, config.anthropic_base_url, config.anthropic_model,
                       transport_options(config)}));
  }
  if (config.openai_configured()) {
    add(std::make_unique<OpenAiProvider>(RemoteSettings{config.openai_api_key,
                                                        config.openai_base_url, config.openai_model,
                                                        transport_options(config)}));
  }
}

void ProviderRegistry::add(std::unique_ptr<Provider> provider) {
  for (auto& p : providers_) {
    if (p->name() == provider->name()) {
      p = std::move(provider);
      return;
    }
  }
  providers_.push_back(std::move(provider));
}

Provider* ProviderRegistry::find(std::string_view name) const {
  for (const auto& p : providers_) {
    if (p->name() == name) return p.get();
  }
  return nullptr;
}

Provider& ProviderRegistry::default_provider() const {
  Provider* p = find(default_name_);
  if (p == nullptr)
    throw std::logic_error("the default AI provider \"" + default_name_ + "\" is not registered");
  return *p;
}

json::object ProviderRegistry::describe() const {
  json::array list;
  for (const auto& p : providers_) {
    json::array models;
    for (const auto& m : p->models()) {
      models.push_back(json::object{{"id", m.id},
                                    {"context_window", m.context_window},
                                    {"max_output_tokens", m.max_output_tokens}});
    }
    list.push_back(json::object{{"name", p->name()},
                                {"label", p->label()},
                                {"is_ai", p->is_ai()},
                                {"default_model", p->default_model()},
                                {"models", std::move(models)},
                                {"default", p->name() == default_name_}});
  }
  return json::object{
      {"default", find(default_name_) ? json::value(default_name_) : json::value(nullptr)},
      {"items", std::move(list)}};
}

}  // namespace prism::ai
