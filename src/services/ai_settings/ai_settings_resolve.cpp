#include "services/ai_settings/ai_settings_resolve.hpp"

#include "core/error.hpp"
#include "services/ai_settings/org_provider.hpp"

namespace prism::services::ai_settings {

ai::http::CheckedBaseUrl checked_base_url(const std::string& url, const config::AiConfig& config) {
  try {
    return ai::http::check_base_url(url, base_url_policy(config));
  } catch (const ai::http::BaseUrlRejected& e) {
    throw validation_failed("base_url", e.what());
  }
}

std::unique_ptr<ai::Provider> build_provider(const store::ai_settings::Settings& s,
                                             const crypto::SecretBox& box,
                                             const config::AiConfig& config,
                                             const ai::http::TransportOptions& transport) {
  OrgProviderSettings settings;
  settings.provider = s.provider;
  settings.model = s.model;
  settings.base_url = s.base_url;
  if (s.sealed_key) {
    auto key = box.open(*s.sealed_key, s.org_id);
    if (!key) {
      throw ai::ProviderError(
          ai::ProviderError::Kind::kAuthentication, s.provider,
          "the organization's API key cannot be read: it was saved under another SECRET_KEY "
          "(set that one as SECRET_KEY_PREVIOUS and run `prism keys rotate`, or save the key "
          "again)");
    }
    settings.api_key = std::move(*key);
  }
  try {
    return make_org_provider(settings, config, transport);
  } catch (const ai::http::BaseUrlRejected& e) {
    throw ai::ProviderError(ai::ProviderError::Kind::kBadRequest, s.provider,
                            std::string("the organization's base URL is refused: ") + e.what());
  }
}

SettingsView view_of(const std::optional<store::ai_settings::Settings>& s, bool admin,
                     const ai::ProviderRegistry& server) {
  SettingsView v;
  v.can_edit = admin;
  if (s && s->provider != "template") {
    v.own = true;
    v.provider = s->provider;
    v.model = s->model;
    v.base_url = s->base_url;
    v.key_set = s->sealed_key.has_value();
    if (admin && s->key_hint && !s->key_hint->empty()) v.key_hint = s->key_hint;
    v.updated_at = s->updated_at;
    v.updated_by = s->updated_by;
    v.effective = {s->provider,
                   s->provider == "anthropic" ? "Anthropic"
                   : s->base_url              ? "OpenAI-compatible server"
                                              : "OpenAI",
                   s->model, true, "organization"};
    return v;
  }
  const ai::Provider* p = nullptr;
  if (s) {
    v.own = true;
    v.provider = "template";
    v.model = "template";
    v.updated_at = s->updated_at;
    v.updated_by = s->updated_by;
    p = server.find("template");
  } else {
    p = server.find(server.default_name());
  }
  if (p != nullptr) {
    v.effective = {p->name(), p->label(), p->default_model(), p->is_ai(),
                   s ? "organization" : "server"};
  }
  return v;
}

}  // namespace prism::services::ai_settings
