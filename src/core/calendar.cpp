#include "core/calendar.hpp"

#include <charconv>

namespace prism {

namespace {

constexpr std::int64_t kDayMs = 86400000;

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool read_number(std::string_view text, int& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

Period month_of(std::int64_t unix_ms) {
  std::int64_t days = unix_ms >= 0 ? unix_ms / kDayMs : (unix_ms - kDayMs + 1) / kDayMs;
  std::int64_t y = 0;
  unsigned m = 0;
  civil_from_days(days, y, m);
  std::int64_t next_y = m == 12 ? y + 1 : y;
  unsigned next_m = m == 12 ? 1 : m + 1;
  return Period{days_from_civil(y, m, 1) * kDayMs, days_from_civil(next_y, next_m, 1) * kDayMs};
}

std::optional<std::int64_t> parse_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!read_number(text.substr(0, 4), y) || !read_number(text.substr(5, 2), m) ||
      !read_number(text.substr(8, 2), d)) {
    return std::nullopt;
  }
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  std::int64_t days = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  // Reject days that roll over into the next month (e.g. 2026-02-30).
  std::int64_t cy = 0;
  unsigned cm = 0;
  civil_from_days(days, cy, cm);
  if (cy != y || cm != static_cast<unsigned>(m)) return std::nullopt;
  return days * kDayMs;
}

}  // namespace prism
