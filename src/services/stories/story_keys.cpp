#include "services/stories/story_keys.hpp"

#include <algorithm>

#include "services/orgs/org_rules.hpp"

namespace prism::services {

namespace {

// Enough digits for any number a project reaches, few enough for int64.
constexpr std::size_t kMaxNumberDigits = 15;

std::string_view trimmed(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::optional<std::int64_t> positive_number(std::string_view digits) {
  if (digits.empty() || digits.size() > kMaxNumberDigits || digits.front() == '0') {
    return std::nullopt;
  }
  std::int64_t n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

std::string story_key(std::string_view project_key, std::int64_t number) {
  return std::string(project_key) + "-" + std::to_string(number);
}

std::optional<StoryKey> parse_story_key(std::string_view text) {
  text = trimmed(text);
  auto dash = text.rfind('-');
  if (dash == std::string_view::npos) return std::nullopt;
  std::string prefix(text.substr(0, dash));
  std::transform(prefix.begin(), prefix.end(), prefix.begin(), [](char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  });
  auto number = positive_number(text.substr(dash + 1));
  if (!number || !is_valid_project_key(prefix)) return std::nullopt;
  return StoryKey{std::move(prefix), *number};
}

std::optional<std::int64_t> story_number_in(std::string_view text, std::string_view project_key) {
  text = trimmed(text);
  if (auto key = parse_story_key(text)) {
    if (key->project_key == project_key) return key->number;
    return std::nullopt;
  }
  if (!text.empty() && text.front() == '#') text.remove_prefix(1);
  return positive_number(text);
}

}  // namespace prism::services
