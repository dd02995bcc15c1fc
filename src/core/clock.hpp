#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace prism {

// Seconds since the Unix epoch, UTC.
std::int64_t now_unix();
std::int64_t now_unix_ms();
// RFC 3339 UTC with millisecond precision, e.g. 2026-11-25T14:30:00.123Z.
std::string rfc3339_ms(std::int64_t unix_ms);
std::string rfc3339(std::int64_t unix_seconds);
// Parses RFC 3339 (Z or offset, optional fraction); nullopt when invalid.
std::optional<std::int64_t> parse_rfc3339(std::string_view text);

}  // namespace prism
