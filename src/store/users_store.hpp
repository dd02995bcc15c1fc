#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::users {

struct User {
  std::string id;
  std::string email;  // normalized (lower case)
  std::string name;
  std::string password_hash;
  std::optional<std::int64_t> email_verified_at;
  std::int64_t password_changed_at = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  bool is_admin = false;                    // a server administrator (prism admin grant)
  std::optional<std::int64_t> disabled_at;  // set: the account cannot sign in
};

// Throws ConstraintError when the e-mail is taken.
void insert(Tx& tx, const User& user);
std::optional<User> find_by_id(Tx& tx, std::string_view id);
std::optional<User> find_by_email(Tx& tx, std::string_view email);
void update_password(Tx& tx, std::string_view id, std::string_view password_hash, std::int64_t now);
void update_name(Tx& tx, std::string_view id, std::string_view name, std::int64_t now);
void mark_email_verified(Tx& tx, std::string_view id, std::int64_t now);
// Server administration.
void set_admin(Tx& tx, std::string_view id, bool admin, std::int64_t now);
void set_disabled(Tx& tx, std::string_view id, std::optional<std::int64_t> disabled_at,
                  std::int64_t now);
// A user as the server's account list shows it: with the number of live
// organizations they belong to.
struct Summary {
  User user;
  std::int64_t organizations = 0;
};
// Users in id (creation: ids are UUIDv7) order after `after_id` when set,
// whose e-mail or name contains `search` (case-insensitively) when set, at
// most `limit`.
std::vector<Summary> list_summaries(Tx& tx, const std::optional<std::string>& after_id,
                                    const std::optional<std::string>& search, int limit);
std::optional<Summary> find_summary(Tx& tx, std::string_view id);

struct Membership {
  std::string org_id;
  std::string org_name;
  std::string role;
};
// The user's memberships in live organizations, oldest first.
std::vector<Membership> memberships(Tx& tx, std::string_view user_id);

}  // namespace prism::store::users
