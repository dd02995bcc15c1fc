#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace prism::auth {

// Password length limits in Unicode code points (API contract: 12–128).
inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 128;

// Passwords whose estimated guessing entropy (zxcvbn) is below this are refused.
// 30 bits is about 10^9 guesses: it refuses dictionary words with digits
// appended, keyboard walks, repeats and the user's own name or e-mail, and
// accepts ordinary multi-word passphrases (measured in password_test.cpp).
inline constexpr double kMinPasswordEntropyBits = 30.0;

// Argon2id with t=2, m=19 MiB, p=1 (OWASP's recommended minimum), in the
// self-describing PHC string format so parameters can be raised later.
std::string hash_password(std::string_view password);

// False for a wrong password and for a malformed or foreign hash.
bool verify_password(std::string_view password, const std::string& hash);

// True when `hash` was made with weaker parameters than hash_password uses now.
bool password_needs_rehash(const std::string& hash);

// Runs one verification against a fixed dummy hash so that a login for an
// unknown e-mail costs as much time as one for a known account.
void equalize_password_timing(std::string_view password);

// The fixed hash equalize_password_timing() verifies against.
extern const std::string_view kDummyPasswordHash;

// nullopt when the password may be used; otherwise a message for the client.
// `user_inputs` (e-mail, name, organization …) count as guessable words.
std::optional<std::string> password_problem(std::string_view password,
                                            const std::vector<std::string>& user_inputs);

}  // namespace prism::auth
