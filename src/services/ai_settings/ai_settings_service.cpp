#include "services/ai_settings/ai_settings_service.hpp"

#include "core/clock.hpp"
#include "core/error.hpp"
#include "services/access.hpp"
#include "services/ai_settings/ai_settings_input.hpp"
#include "services/ai_settings/ai_settings_resolve.hpp"
#include "services/ai_settings/org_provider.hpp"
#include "services/audit/audit.hpp"
#include "store/ai_settings_store.hpp"

namespace prism::services::ai_settings {

namespace stored = store::ai_settings;

namespace {

// The key a change leaves in place: a new one, none, or the stored one,
// which is only kept while it goes to the same provider at the same URL.
void apply_key(const SettingsChange& change, const std::optional<stored::Settings>& current,
               const crypto::SecretBox& box, stored::Settings& next) {
  using Key = SettingsChange::Key;
  if (change.key == Key::kSet) {
    next.sealed_key = box.seal(change.api_key, next.org_id);
    next.key_hint = key_hint(change.api_key);
    return;
  }
  if (change.key == Key::kRemove || !current || !current->sealed_key) return;
  if (current->provider != next.provider || current->base_url != next.base_url) {
    throw validation_failed(
        "api_key",
        "send the API key again: the provider or base URL changed, and a saved key is only "
        "sent where it was first meant to go");
  }
  next.sealed_key = current->sealed_key;
  next.key_hint = current->key_hint;
}

void check_complete(const stored::Settings& next) {
  if (next.provider == "template") return;
  if (next.model.empty()) {
    throw validation_failed("model",
                            "choose a model: an OpenAI-compatible server has no default one");
  }
  if (!next.sealed_key && (next.provider == "anthropic" || !next.base_url)) {
    throw validation_failed("api_key", next.provider == "anthropic"
                                           ? "Anthropic needs an API key"
                                           : "OpenAI needs an API key (a server at your own "
                                             "base URL may not)");
  }
}

std::string key_state(const SettingsChange& change, const stored::Settings& next) {
  if (change.key == SettingsChange::Key::kSet) return "set";
  if (change.key == SettingsChange::Key::kRemove) return "removed";
  return next.sealed_key ? "kept" : "none";
}

}  // namespace

AiSettingsService::AiSettingsService(store::Database& db, const crypto::SecretBox& box,
                                     const config::AiConfig& config,
                                     const ai::ProviderRegistry& server_providers)
    : db_(db), box_(box), config_(config), server_(server_providers) {}

SettingsView AiSettingsService::get(const Caller& caller, std::string_view org_id) {
  return db_.read([&](store::Tx& tx) {
    auto access = require_org(tx, caller.user_id, org_id, Role::kViewer);
    return view_of(stored::find(tx, org_id), access.role >= Role::kAdmin, server_);
  });
}

SettingsView AiSettingsService::put(const Caller& caller, std::string_view org_id,
                                    const json::object& body) {
  // Access first: another tenant learns nothing, not even what is invalid.
  db_.read([&](store::Tx& tx) { require_org(tx, caller.user_id, org_id, Role::kAdmin); });
  SettingsChange change = parse_settings_change(body);
  // The base URL is checked before anything is stored (and again at every
  // use): resolving the host may take a moment, so not inside the write.
  stored::Settings next;
  next.org_id = std::string(org_id);
  next.provider = change.provider;
  if (change.provider == "template") {
    if (change.key == SettingsChange::Key::kSet || change.base_url || change.model) {
      throw validation_failed("provider", "the template provider takes no model, base URL or key");
    }
    next.model = "template";
  } else {
    if (change.base_url) next.base_url = checked_base_url(*change.base_url, config_).url;
    next.model = change.model.value_or(default_model(change.provider, next.base_url));
  }
  return db_.write([&](store::Tx& tx) {
    auto access = require_org(tx, caller.user_id, org_id, Role::kAdmin);
    auto current = stored::find(tx, org_id);
    // The offline template takes no key: switching to it drops the saved one.
    if (next.provider != "template") apply_key(change, current, box_, next);
    check_complete(next);
    next.updated_by = caller.user_id;
    next.updated_at = now_unix_ms();
    stored::save(tx, next);
    record_audit(
        tx,
        {std::string(org_id), caller.user_id, "ai_settings.updated", "organization",
         std::string(org_id),
         json::object{
             {"provider", next.provider},
             {"previous_provider", current ? json::value(current->provider) : json::value(nullptr)},
             {"model", next.model},
             {"base_url", next.base_url ? json::value(*next.base_url) : json::value(nullptr)},
             {"key", key_state(change, next)}},
         caller.ip});
    return view_of(stored::find(tx, org_id), access.role >= Role::kAdmin, server_);
  });
}

bool AiSettingsService::remove(const Caller& caller, std::string_view org_id) {
  return db_.write([&](store::Tx& tx) {
    require_org(tx, caller.user_id, org_id, Role::kAdmin);
    auto current = stored::find(tx, org_id);
    if (!current || !stored::remove(tx, org_id)) return false;
    record_audit(tx,
                 {std::string(org_id), caller.user_id, "ai_settings.removed", "organization",
                  std::string(org_id), json::object{{"provider", current->provider}}, caller.ip});
    return true;
  });
}

std::shared_ptr<ai::Provider> AiSettingsService::provider_for(std::string_view org_id,
                                                              std::string_view name) const {
  auto settings = db_.read([&](store::Tx& tx) { return stored::find(tx, org_id); });
  if (!settings || (!name.empty() && name != settings->provider)) return nullptr;
  if (settings->provider == "template") {
    ai::Provider* builtin = server_.find("template");
    // Not owned: the registry outlives every generation.
    return builtin ? std::shared_ptr<ai::Provider>(builtin, [](ai::Provider*) {}) : nullptr;
  }
  return std::shared_ptr<ai::Provider>(
      build_provider(*settings, box_, config_, ai::transport_options(config_)));
}

}  // namespace prism::services::ai_settings
