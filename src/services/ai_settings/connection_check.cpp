// "Test connection" and the provider's model list for AiSettingsService.
#include <chrono>

#include "core/error.hpp"
#include "services/access.hpp"
#include "services/ai_settings/ai_settings_input.hpp"
#include "services/ai_settings/ai_settings_resolve.hpp"
#include "services/ai_settings/ai_settings_service.hpp"
#include "services/ai_settings/connection_errors.hpp"
#include "services/ai_settings/org_provider.hpp"

namespace prism::services::ai_settings {

namespace stored = store::ai_settings;

namespace {

// A quick answer or none: no retries, short waits.
ai::http::TransportOptions test_transport(const config::AiConfig& config) {
  auto options = ai::transport_options(config);
  options.max_retries = 0;
  options.connect_timeout_seconds = std::min(options.connect_timeout_seconds, 10);
  options.idle_timeout_seconds = std::min(options.idle_timeout_seconds, 30);
  return options;
}

}  // namespace

// The saved settings with `body`'s fields over them; a key is taken from
// the body, else the saved one if the provider and base URL are the same.
struct AiSettingsService::Resolved {
  std::optional<stored::Settings> settings;
  std::optional<ConnectionResult> refused;  // the settings cannot be tried as they are
};

AiSettingsService::Resolved AiSettingsService::resolve(
    std::string_view org_id, std::optional<stored::Settings> saved,
    const json::object& overrides) const {
  Resolved out;
  if (overrides.empty()) {
    out.settings = std::move(saved);
    return out;
  }
  SettingsChange change = parse_settings_change(overrides);
  stored::Settings s;
  s.org_id = std::string(org_id);
  s.provider = change.provider;
  if (change.base_url) {
    try {
      s.base_url = ai::http::check_base_url(*change.base_url, base_url_policy(config_)).url;
    } catch (const ai::http::BaseUrlRejected& e) {
      ConnectionResult r;
      r.error_code = "base_url_refused";
      r.error_message = e.what();
      out.refused = r;
      return out;
    }
  }
  s.model = change.model.value_or(default_model(s.provider, s.base_url));
  if (change.key == SettingsChange::Key::kSet) {
    s.sealed_key = box_.seal(change.api_key, s.org_id);
  } else if (change.key == SettingsChange::Key::kKeep && saved && saved->provider == s.provider &&
             saved->base_url == s.base_url) {
    s.sealed_key = saved->sealed_key;
  }
  out.settings = s;
  return out;
}

ConnectionResult AiSettingsService::test(const Caller& caller, std::string_view org_id,
                                         const json::object& body) {
  auto saved = db_.read([&](store::Tx& tx) {
    require_org(tx, caller.user_id, org_id, Role::kAdmin);
    return stored::find(tx, org_id);
  });
  Resolved resolved = resolve(org_id, std::move(saved), body);
  if (resolved.refused) return *resolved.refused;
  if (!resolved.settings || resolved.settings->provider == "template") {
    throw validation_failed("provider",
                            "choose Anthropic, OpenAI or an OpenAI-compatible server to test");
  }
  const auto& s = *resolved.settings;
  ConnectionResult result;
  result.model = s.model;
  auto started = std::chrono::steady_clock::now();
  try {
    auto provider = build_provider(s, box_, config_, test_transport(config_));
    ai::CompletionRequest request;
    request.model = s.model;
    request.messages = {{"user", "Reply with the single word OK."}};
    request.max_tokens = 5;
    request.temperature = 0;
    ai::CancelToken never;
    auto answer = provider->stream(request, [](std::string_view) {}, never);
    result.ok = true;
    if (!answer.model.empty()) result.model = answer.model;
  } catch (const ai::ProviderError& e) {
    auto explained = explain_failure(e, s.provider, s.model);
    result.error_code = explained.code;
    result.error_message = explained.message;
  }
  result.latency_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
  return result;
}

AiSettingsService::ModelList AiSettingsService::models(const Caller& caller,
                                                      std::string_view org_id) {
  auto saved = db_.read([&](store::Tx& tx) {
    require_org(tx, caller.user_id, org_id, Role::kAdmin);
    return stored::find(tx, org_id);
  });
  if (!saved || saved->provider == "template") {
    throw validation_failed("provider", "the organization has no AI provider of its own to ask");
  }
  ModelList list;
  try {
    auto provider = build_provider(*saved, box_, config_, test_transport(config_));
    list.items = provider->list_models(ai::CancelToken());
  } catch (const ai::ProviderError& e) {
    auto explained = explain_failure(e, saved->provider, saved->model);
    ConnectionResult failure;
    failure.error_code = explained.code;
    failure.error_message = explained.message;
    list.failure = failure;
  }
  return list;
}

}  // namespace prism::services::ai_settings
