#include "services/ai_settings/org_provider.hpp"

#include "ai/anthropic/anthropic_provider.hpp"
#include "ai/openai/openai_provider.hpp"

namespace prism::services::ai_settings {

ai::http::BaseUrlPolicy base_url_policy(const config::AiConfig& config) {
  ai::http::BaseUrlPolicy policy;
  policy.allow_private = config.allow_private_base_urls;
  return policy;
}

std::string default_base_url(const std::string& provider) {
  return provider == "anthropic" ? "https://api.anthropic.com" : "https://api.openai.com/v1";
}

std::string default_model(const std::string& provider, const std::optional<std::string>& base_url) {
  if (provider == "anthropic") return config::AiConfig{}.anthropic_model;
  if (provider == "openai" && !base_url) return config::AiConfig{}.openai_model;
  return {};
}

std::unique_ptr<ai::Provider> make_org_provider(const OrgProviderSettings& s,
                                                const config::AiConfig& config,
                                                const ai::http::TransportOptions& transport) {
  ai::RemoteSettings remote;
  remote.api_key = s.api_key;
  remote.model = s.model;
  remote.transport = transport;
  if (s.base_url) {
    auto checked = ai::http::check_base_url(*s.base_url, base_url_policy(config));
    remote.base_url = checked.url;
    remote.pin = checked.pin;
    remote.https_only = checked.https_only;
  } else {
    remote.base_url = default_base_url(s.provider);
  }
  if (s.provider == "anthropic") return std::make_unique<ai::AnthropicProvider>(std::move(remote));
  return std::make_unique<ai::OpenAiProvider>(std::move(remote));
}

}  // namespace prism::services::ai_settings
