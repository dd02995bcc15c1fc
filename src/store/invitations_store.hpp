#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::invitations {

// The token itself is never stored: only its SHA-256, so a leaked database
// cannot be used to join organizations.
struct Invitation {
  std::string id;
  std::string org_id;
  std::string email;
  std::string role;
  std::string token_hash;
  std::string invited_by;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> accepted_at;
  std::optional<std::string> accepted_by;
  std::optional<std::int64_t> revoked_at;
};

void insert(Tx& tx, const Invitation& inv);
// Any state, but only for a live organization.
std::optional<Invitation> find_by_token_hash(Tx& tx, std::string_view token_hash);
// Pending: neither accepted nor withdrawn, and not expired at `now`.
std::optional<Invitation> find_pending(Tx& tx, std::string_view org_id, std::string_view id,
                                       std::int64_t now);
// Pending ones in id (creation) order, after `after_id` when set.
std::vector<Invitation> list_pending(Tx& tx, std::string_view org_id, std::int64_t now,
                                     const std::optional<std::string>& after_id, int limit);
// The pending ones `inviter_id` sent in the organization, in id order.
std::vector<Invitation> list_pending_by_inviter(Tx& tx, std::string_view org_id,
                                                std::string_view inviter_id, std::int64_t now);
bool has_pending_for_email(Tx& tx, std::string_view org_id, std::string_view email,
                           std::int64_t now);
// The pending invitation of the organization to `email` (compared without
// regard to case), if there is one.
std::optional<Invitation> find_pending_for_email(Tx& tx, std::string_view org_id,
                                                 std::string_view email, std::int64_t now);
// A pending invitation gets a new link (the old one stops working) and a new
// expiry; false when it is no longer pending.
bool renew(Tx& tx, std::string_view id, std::string_view token_hash, std::int64_t expires_at);
void mark_accepted(Tx& tx, std::string_view id, std::string_view user_id, std::int64_t now);
void mark_revoked(Tx& tx, std::string_view id, std::int64_t now);

}  // namespace prism::store::invitations
