#pragma once

#include <string>

#include "config/env_values.hpp"

namespace prism::config {

// The keys JWT_SECRET_KEY and SECRET_KEY held before a rotation. PRISM signs
// and encrypts with the current keys only and still accepts what a previous
// key made, so rotating a key signs nobody out; once everything the old key
// made has expired (or been re-encrypted), the operator removes the variable.
struct PreviousKeys {
  std::string jwt_secret;  // JWT_SECRET_KEY_PREVIOUS: still verifies access tokens
  std::string secret_key;  // SECRET_KEY_PREVIOUS
};

// Both optional; a key that is set must be at least 32 bytes, like the
// current ones. Throws ConfigError naming a bad variable.
PreviousKeys load_previous_keys(const Env& env);
std::string describe(const PreviousKeys& keys);

}  // namespace prism::config
