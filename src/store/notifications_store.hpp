#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::notifications {

// Announced (Tx::notify) with the user id as payload when a notification
// for that user commits, so open notification streams update at once.
inline constexpr std::string_view kChannel = "prism_notifications";

struct Notification {
  std::string id;
  std::string user_id;
  std::string org_id;
  std::string kind;  // mention | review_request | review | reply | invitation_accepted
  std::optional<std::string> actor_id;
  std::string actor_name;  // read from the user; "" when gone
  std::optional<std::string> document_id;
  std::string document_title;  // read from the document
  std::string project_id;      // of the document, "" without one
  std::optional<std::string> comment_id;
  std::optional<std::string> review_id;
  std::string excerpt;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> read_at;
};

void insert(Tx& tx, const Notification& n);
// Newest first, before the cursor id when set; only those of organizations
// the user still belongs to and documents that still exist.
std::vector<Notification> list_for_user(Tx& tx, std::string_view user_id, bool unread_only,
                                        const std::optional<std::string>& before_id, int limit);
std::int64_t unread_count(Tx& tx, std::string_view user_id);
// Marks the user's notifications read (only theirs); returns how many changed.
std::int64_t mark_read(Tx& tx, std::string_view user_id, const std::vector<std::string>& ids,
                       std::int64_t now);
std::int64_t mark_all_read(Tx& tx, std::string_view user_id, std::int64_t now);

// E-mail preferences: the kinds the user changed, kind → e-mail on/off.
std::map<std::string, bool> email_preferences(Tx& tx, std::string_view user_id);
void set_email_preference(Tx& tx, std::string_view user_id, std::string_view kind, bool email);

}  // namespace prism::store::notifications
