#include "services/ai_settings/ai_settings_input.hpp"

#include <algorithm>

namespace prism::services::ai_settings {

namespace {

bool printable_without_spaces(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

}  // namespace

SettingsChange parse_settings_change(const json::object& body) {
  JsonReader r(body);
  SettingsChange change;
  change.provider = r.required_string("provider", 1, 32);
  if (!change.provider.empty() && std::none_of(std::begin(kProviders), std::end(kProviders),
                                               [&](const char* p) { return change.provider == p; })) {
    r.add_error("provider", "must be anthropic, openai or template");
  }
  change.model = r.optional_string("model", 1, 200);
  change.base_url = r.optional_string("base_url", 1, 2000);
  if (r.is_null("api_key")) {
    r.optional_value("api_key");  // seen: null is meaningful here
    change.key = SettingsChange::Key::kRemove;
  } else if (auto key = r.optional_string("api_key", 1, 1000)) {
    if (!printable_without_spaces(*key)) {
      r.add_error("api_key", "must be the key as the provider shows it, without spaces or line breaks");
    } else if (key->size() < 8) {
      r.add_error("api_key", "is too short to be a provider's API key");
    }
    change.key = SettingsChange::Key::kSet;
    change.api_key = std::move(*key);
  }
  r.finish();
  return change;
}

std::string key_hint(const std::string& api_key) {
  return api_key.size() <= 4 ? std::string() : api_key.substr(api_key.size() - 4);
}

}  // namespace prism::services::ai_settings
