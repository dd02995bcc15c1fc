#include "services/trash/trash_rules.hpp"

#include <charconv>

#include "core/ids.hpp"

namespace prism::services::trash {

bool may_restore(Role role, std::string_view user_id,
                 const std::optional<std::string>& deleted_by) {
  if (static_cast<int>(role) >= static_cast<int>(Role::kAdmin)) return true;
  return role == Role::kMember && deleted_by && *deleted_by == user_id;
}

std::string encode_cursor(const Position& p) { return std::to_string(p.deleted_at) + "." + p.id; }

std::optional<Position> decode_cursor(std::string_view text) {
  auto dot = text.find('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  Position p;
  auto digits = text.substr(0, dot);
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), p.deleted_at);
  if (ec != std::errc{} || ptr != digits.data() + digits.size() || p.deleted_at < 0) {
    return std::nullopt;
  }
  p.id = std::string(text.substr(dot + 1));
  if (!looks_like_id(p.id)) return std::nullopt;
  return p;
}

}  // namespace prism::services::trash
