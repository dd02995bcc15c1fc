#include "auth/password.hpp"

#include <sodium.h>
#include <zxcvbn.h>

#include <stdexcept>

#include "core/crypto.hpp"
#include "core/json.hpp"

namespace prism::auth {
namespace {

constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19 * 1024 * 1024;

// Words derived from what the user told us: the whole value, plus its parts
// split at separators, so "alice.smith@example.com" also yields "alice",
// "smith" and "example".
std::vector<std::string> user_words(const std::vector<std::string>& inputs) {
  std::vector<std::string> words;
  for (const auto& input : inputs) {
    if (input.empty()) continue;
    words.push_back(input);
    std::string part;
    for (char c : input + " ") {
      bool separator = c == ' ' || c == '.' || c == '@' || c == '-' || c == '_' || c == '+';
      if (!separator) {
        part.push_back(c);
        continue;
      }
      if (part.size() >= 3 && part != input) words.push_back(part);
      part.clear();
    }
  }
  return words;
}

}  // namespace

std::string hash_password(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id hashing failed (out of memory)");
  }
  return std::string(out);
}

bool verify_password(std::string_view password, const std::string& hash) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(const std::string& hash) {
  return crypto_pwhash_str_needs_rehash(hash.c_str(), kOpsLimit, kMemLimit) != 0;
}

void equalize_password_timing(std::string_view password) {
  // A function-local static is initialized exactly once, thread-safely, on
  // first use; the random password makes the dummy hash unmatchable.
  static const std::string dummy_hash = hash_password(crypto::random_token(32));
  verify_password(password, dummy_hash);
}

std::optional<std::string> password_problem(std::string_view password,
                                            const std::vector<std::string>& user_inputs) {
  auto length = utf8_length(password);
  if (!length) return "must be valid UTF-8";
  if (*length < kMinPasswordLength) {
    return "must be at least " + std::to_string(kMinPasswordLength) + " characters";
  }
  if (*length > kMaxPasswordLength) {
    return "must be at most " + std::to_string(kMaxPasswordLength) + " characters";
  }
  // zxcvbn reads a C string; an embedded NUL would end it early, which only
  // makes the estimate more conservative. The length cap above bounds its
  // running time (about 3 ms for the worst 128-character inputs measured).
  std::string text(password);
  std::vector<std::string> words = user_words(user_inputs);
  std::vector<const char*> dict;
  dict.reserve(words.size() + 1);
  for (const auto& w : words) dict.push_back(w.c_str());
  dict.push_back(nullptr);
  double bits = ZxcvbnMatch(text.c_str(), dict.data(), nullptr);
  if (bits < kMinPasswordEntropyBits) {
    return "is too easy to guess: avoid common passwords, keyboard patterns, repeated "
           "characters and your own name or e-mail; a few unrelated words make a strong "
           "password";
  }
  return std::nullopt;
}

}  // namespace prism::auth
