#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ai/registry.hpp"
#include "config/ai_config.hpp"
#include "core/json.hpp"
#include "core/secret_box.hpp"
#include "services/caller.hpp"
#include "store/ai_settings_store.hpp"
#include "store/database.hpp"

namespace prism::services::ai_settings {

// What GET /orgs/{org}/ai-settings answers.
struct SettingsView {
  bool own = false;  // the organization has its own settings
  std::string provider;
  std::string model;
  std::optional<std::string> base_url;
  bool key_set = false;
  std::optional<std::string> key_hint;  // administrators only
  std::optional<std::int64_t> updated_at;
  std::optional<std::string> updated_by;
  // What the organization's generations use: its own provider, else the
  // server's default.
  struct Effective {
    std::string provider;
    std::string label;
    std::string model;
    bool is_ai = false;
    std::string source;  // "organization" or "server"
  } effective;
  bool can_edit = false;  // the caller is an administrator
};

// What "Test connection" found, in words a person can act on.
struct ConnectionResult {
  bool ok = false;
  std::int64_t latency_ms = 0;
  std::string model;
  std::string error_code;  // when !ok: invalid_key, model_not_found, quota, unreachable, tls,
                           // base_url_refused, key_unreadable, bad_request, bad_response
  std::string error_message;
};

// Bring your own key: an organization's AI provider (Anthropic, OpenAI or
// any OpenAI-compatible server) with its key sealed under SECRET_KEY.
// Members read what is used; administrators change it, test it and list the
// provider's models. The key is never returned or logged, only its last 4
// characters shown to administrators. Every change is audited.
class AiSettingsService {
 public:
  AiSettingsService(store::Database& db, const crypto::SecretBox& box,
                    const config::AiConfig& config, const ai::ProviderRegistry& server_providers);

  SettingsView get(const Caller& caller, std::string_view org_id);
  SettingsView put(const Caller& caller, std::string_view org_id, const json::object& body);
  // Back to the server's providers; false when the organization had none.
  bool remove(const Caller& caller, std::string_view org_id);
  // One minimal call with the saved settings, or with those in `body`
  // (the PUT shape; a missing api_key uses the saved one) before saving.
  ConnectionResult test(const Caller& caller, std::string_view org_id, const json::object& body);
  // The model ids the provider lists for the saved key; when it cannot be
  // asked, none and why (so a model can still be typed in).
  struct ModelList {
    std::vector<std::string> items;
    std::optional<ConnectionResult> failure;  // error_code and error_message set
  };
  ModelList models(const Caller& caller, std::string_view org_id);

  // For generations: the organization's own provider for `name` (empty: its
  // chosen one), built for this use; nullptr when the organization has no
  // settings of its own or `name` is another provider (the server's apply).
  std::shared_ptr<ai::Provider> provider_for(std::string_view org_id, std::string_view name) const;

 private:
  struct Resolved;
  // The saved settings with `overrides` (the PUT shape) over them.
  Resolved resolve(std::string_view org_id, std::optional<store::ai_settings::Settings> saved,
                   const json::object& overrides) const;

  store::Database& db_;
  const crypto::SecretBox& box_;
  const config::AiConfig& config_;
  const ai::ProviderRegistry& server_;
};

}  // namespace prism::services::ai_settings
