#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace prism::crypto {

// Initializes libsodium once; every other function here assumes it ran.
void init();

std::string random_bytes(std::size_t n);
// URL-safe random token with `bytes` bytes of entropy (no padding).
std::string random_token(std::size_t bytes = 32);

std::string base64url_encode(std::string_view data);
// Strict: rejects padding, whitespace and characters outside the alphabet.
std::optional<std::string> base64url_decode(std::string_view text);

std::string sha256(std::string_view data);  // raw 32 bytes
std::string sha256_hex(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);  // raw 32 bytes
std::string hex(std::string_view raw);

bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace prism::crypto
