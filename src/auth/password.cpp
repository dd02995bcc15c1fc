#include "auth/password.hpp"

#include <sodium.h>
#include <zxcvbn.h>

#include <algorithm>
#include <semaphore>
#include <stdexcept>
#include <thread>

#include "core/json.hpp"

namespace prism::auth {
namespace {

constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19 * 1024 * 1024;

// Argon2id is CPU- and memory-bound: running more of them at once than half
// the cores only adds 19 MiB each and starves the I/O threads (a login flood
// must not slow /health or document reads). Waiters sleep; they do not spin.
std::counting_semaphore<>& hash_slots() {
  static std::counting_semaphore<> slots(
      static_cast<std::ptrdiff_t>(std::max(1u, std::thread::hardware_concurrency() / 2)));
  return slots;
}

struct HashSlot {
  HashSlot() { hash_slots().acquire(); }
  ~HashSlot() { hash_slots().release(); }
  HashSlot(const HashSlot&) = delete;
  HashSlot& operator=(const HashSlot&) = delete;
};

}  // namespace

// The hash of 32 random bytes nobody kept, with the same parameters as every
// stored hash, so verifying against it costs what a real verification costs.
// A constant rather than hashed at start-up: that took two argon2id runs
// (~30 ms) of every cold start. A test keeps its parameters equal to ours.
const std::string_view kDummyPasswordHash =
    "$argon2id$v=19$m=19456,t=2,p=1$qAEHR2MiF9f7ZdcWaTvbQw$"
    "qt3V1T7vafYButRMMAwYU5awSEPYlj2LIU1Zhm7jasg";

namespace {

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
  HashSlot slot;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id hashing failed (out of memory)");
  }
  return std::string(out);
}

bool verify_password(std::string_view password, const std::string& hash) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  HashSlot slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(const std::string& hash) {
  return crypto_pwhash_str_needs_rehash(hash.c_str(), kOpsLimit, kMemLimit) != 0;
}

void equalize_password_timing(std::string_view password) {
  verify_password(password, std::string(kDummyPasswordHash));
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
