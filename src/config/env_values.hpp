#pragma once

#include <charconv>
#include <cstddef>
#include <map>
#include <string>

#include "config/config_error.hpp"

namespace prism::config {

using Env = std::map<std::string, std::string>;

// JWT_SECRET_KEY, SECRET_KEY and the keys they replaced are at least this long.
inline constexpr std::size_t kMinSecretBytes = 32;

// The variable's value, or `fallback` when it is unset or empty.
inline std::string env_string(const Env& env, const std::string& name, std::string fallback = {}) {
  auto it = env.find(name);
  return it == env.end() || it->second.empty() ? fallback : it->second;
}

// An integer in [min, max]; anything else stops start-up naming the variable.
inline int env_int(const Env& env, const std::string& name, int fallback, int min, int max) {
  std::string v = env_string(env, name);
  if (v.empty()) return fallback;
  int n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || ptr != v.data() + v.size() || n < min || n > max) {
    throw ConfigError(name, "must be an integer from " + std::to_string(min) + " to " +
                                std::to_string(max) + ", got \"" + v + "\"");
  }
  return n;
}

// "true" or "false" (unset: `fallback`); anything else stops start-up.
inline bool env_flag(const Env& env, const std::string& name, bool fallback) {
  std::string v = env_string(env, name);
  if (v.empty()) return fallback;
  if (v != "true" && v != "false") throw ConfigError(name, "must be true or false");
  return v == "true";
}

// How `prism config check` shows a secret: never its value, only its length.
inline std::string redacted_secret(const std::string& secret, bool generated = false) {
  if (secret.empty()) return "(unset)";
  return "(redacted, " + std::to_string(secret.size()) + " bytes" +
         (generated ? ", generated in the data directory)" : ")");
}

}  // namespace prism::config
