#pragma once

#include <optional>
#include <string>

#include "core/json.hpp"

namespace prism::services::ai_settings {

// The providers an organization can choose; "template" is the built-in
// offline writer (no key, no AI).
inline constexpr const char* kProviders[] = {"anthropic", "openai", "template"};

// A PUT /orgs/{org}/ai-settings body, checked for shape; the rules that
// need the stored settings (keep the key?) are the service's.
struct SettingsChange {
  std::string provider;
  std::optional<std::string> model;     // absent: the provider's default
  std::optional<std::string> base_url;  // absent or null: the provider's own API
  enum class Key { kKeep, kSet, kRemove } key = Key::kKeep;
  std::string api_key;  // when kSet
};

// Throws 422 naming each bad field. `api_key` is printable ASCII without
// spaces (a pasted key with a stray newline or space is refused, not sent).
SettingsChange parse_settings_change(const json::object& body);

// The last 4 characters of a key, which is all that is ever shown of it.
std::string key_hint(const std::string& api_key);

}  // namespace prism::services::ai_settings
