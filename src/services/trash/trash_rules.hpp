#pragma once

// What the trash promises, apart from the database: when a trashed document
// is purged, and who may bring it back.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "services/access.hpp"

namespace prism::services::trash {

inline constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

// When the cleanup purges a document trashed at `deleted_at`: the first
// cleanup after this moment (the daily run, or `prism cleanup`).
inline std::int64_t purge_at(std::int64_t deleted_at, int retention_days) {
  return deleted_at + retention_days * kDayMs;
}

// Documents trashed before this are past their retention at `now`.
inline std::int64_t purge_cutoff(std::int64_t now, int retention_days) {
  return now - retention_days * kDayMs;
}

// Administrators and owners restore any trashed document of their
// organization; the person who deleted one restores it while they may still
// edit documents (member or higher). Nobody else does, viewers included.
bool may_restore(Role role, std::string_view user_id, const std::optional<std::string>& deleted_by);

// The trash's cursor, "<deleted_at>.<id>", and back; nullopt for text that
// is not one.
struct Position {
  std::int64_t deleted_at = 0;
  std::string id;
};
std::string encode_cursor(const Position& p);
std::optional<Position> decode_cursor(std::string_view text);

}  // namespace prism::services::trash
