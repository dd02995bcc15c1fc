#pragma once

#include <memory>
#include <optional>
#include <string>

#include "ai/http/streaming_transport.hpp"
#include "ai/http/url_guard.hpp"
#include "ai/provider.hpp"
#include "config/ai_config.hpp"

namespace prism::services::ai_settings {

// An organization's provider, as its saved settings describe it, with the
// key in the clear (opened just before the call).
struct OrgProviderSettings {
  std::string provider;  // anthropic | openai
  std::string model;
  std::optional<std::string> base_url;  // unset: the provider's own API
  std::string api_key;
};

// What AI_ALLOW_PRIVATE_BASE_URLS allows an organization's base URL.
ai::http::BaseUrlPolicy base_url_policy(const config::AiConfig& config);

// The provider's own API, used when no base URL is set.
std::string default_base_url(const std::string& provider);
// The model used when none is chosen; empty when the provider has none
// (an OpenAI-compatible server at a custom base URL).
std::string default_model(const std::string& provider, const std::optional<std::string>& base_url);

// Builds the provider for one use. A custom base URL is checked again here
// (https, public addresses, unless AI_ALLOW_PRIVATE_BASE_URLS) and the
// connection is pinned to the address that was checked, so a DNS answer
// that changed since the settings were saved cannot redirect the key.
// Throws ai::http::BaseUrlRejected.
std::unique_ptr<ai::Provider> make_org_provider(const OrgProviderSettings& settings,
                                                const config::AiConfig& config,
                                                const ai::http::TransportOptions& transport);

}  // namespace prism::services::ai_settings
