#include "config/previous_keys.hpp"

namespace prism::config {

namespace {

std::string previous_key(const Env& env, const std::string& name) {
  std::string key = env_string(env, name);
  if (!key.empty() && key.size() < kMinSecretBytes) {
    throw ConfigError(name, "must be at least 32 bytes long");
  }
  return key;
}

}  // namespace

PreviousKeys load_previous_keys(const Env& env) {
  return {previous_key(env, "JWT_SECRET_KEY_PREVIOUS"), previous_key(env, "SECRET_KEY_PREVIOUS")};
}

std::string describe(const PreviousKeys& keys) {
  return "JWT_SECRET_KEY_PREVIOUS=" + redacted_secret(keys.jwt_secret) + "\n" +
         "SECRET_KEY_PREVIOUS=" + redacted_secret(keys.secret_key) + "\n";
}

}  // namespace prism::config
