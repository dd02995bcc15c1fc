#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace prism::services::generations {

// Budgets are per calendar month in UTC.
struct Period {
  std::int64_t from_ms = 0;
  std::int64_t to_ms = 0;  // exclusive
};
Period month_of(std::int64_t unix_ms);

// "YYYY-MM-DD" → Unix ms at 00:00 UTC that day; nullopt when malformed.
std::optional<std::int64_t> parse_day(std::string_view text);

}  // namespace prism::services::generations
