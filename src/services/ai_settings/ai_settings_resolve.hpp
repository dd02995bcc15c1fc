#pragma once

#include <memory>
#include <optional>
#include <string>

#include "ai/http/url_guard.hpp"
#include "ai/provider.hpp"
#include "ai/registry.hpp"
#include "config/ai_config.hpp"
#include "core/secret_box.hpp"
#include "services/ai_settings/ai_settings_service.hpp"
#include "store/ai_settings_store.hpp"

// The pieces AiSettingsService and its connection check share.
namespace prism::services::ai_settings {

// The base URL as it will be stored, or 422 (field base_url) saying why not.
ai::http::CheckedBaseUrl checked_base_url(const std::string& url, const config::AiConfig& config);

// The provider the saved settings describe, with the key opened. Throws
// ai::ProviderError: kAuthentication when the key cannot be opened (sealed
// under a SECRET_KEY this server no longer has), kBadRequest when the base
// URL is refused now.
std::unique_ptr<ai::Provider> build_provider(const store::ai_settings::Settings& settings,
                                             const crypto::SecretBox& box,
                                             const config::AiConfig& config,
                                             const ai::http::TransportOptions& transport);

SettingsView view_of(const std::optional<store::ai_settings::Settings>& settings, bool admin,
                     const ai::ProviderRegistry& server);

}  // namespace prism::services::ai_settings
