#pragma once

#include <string>
#include <vector>

#include "core/secret_box.hpp"
#include "store/database.hpp"

namespace prism::services::ai_settings {

struct RotationReport {
  int resealed = 0;  // opened with SECRET_KEY_PREVIOUS, sealed again under SECRET_KEY
  int current = 0;   // already under SECRET_KEY
  std::vector<std::string> unreadable;  // organization ids whose key neither key opens
};

// `prism keys rotate`: seals every organization's provider key under the
// current SECRET_KEY, so SECRET_KEY_PREVIOUS can then be removed. Works in
// pages, each its own transaction; each re-sealed key is audited. A key
// neither key opens is left as it is and reported.
RotationReport reseal_provider_keys(store::Database& db, const crypto::SecretBox& box);

}  // namespace prism::services::ai_settings
