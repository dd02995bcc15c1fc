#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

// An organization's own AI provider (bring your own key). The key is stored
// sealed (core/secret_box); this layer never sees it in the clear.
namespace prism::store::ai_settings {

struct Settings {
  std::string org_id;
  std::string provider;  // anthropic | openai | template
  std::string model;
  std::optional<std::string> base_url;
  std::optional<std::string> sealed_key;
  std::optional<std::string> key_hint;
  std::optional<std::string> updated_by;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

std::optional<Settings> find(Tx& tx, std::string_view org_id);
// Inserts or replaces the organization's settings (created_at is kept).
void save(Tx& tx, const Settings& settings);
// Whether a row was removed.
bool remove(Tx& tx, std::string_view org_id);

// Settings with a sealed key, in org id order after `after_org_id`, at most
// `limit` (for re-sealing them under a new SECRET_KEY).
std::vector<Settings> with_keys(Tx& tx, const std::optional<std::string>& after_org_id, int limit);
void replace_sealed_key(Tx& tx, std::string_view org_id, std::string_view sealed_key);

}  // namespace prism::store::ai_settings
