#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace prism {

// A calendar month in UTC (budgets and usage are counted per month).
struct Period {
  std::int64_t from_ms = 0;
  std::int64_t to_ms = 0;  // exclusive
};
Period month_of(std::int64_t unix_ms);

// "YYYY-MM-DD" → Unix ms at 00:00 UTC that day; nullopt when malformed.
std::optional<std::int64_t> parse_day(std::string_view text);

}  // namespace prism
