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
void mark_email_verified(Tx& tx, std::string_view id, std::int64_t now);
// Server administration.
void set_admin(Tx& tx, std::string_view id, bool admin, std::int64_t now);
void set_disabled(Tx& tx, std::string_view id, std::optional<std::int64_t> disabled_at,
                  std::int64_t now);
// Every user, oldest first, at most `limit`.
std::vector<User> list(Tx& tx, int limit);

struct Membership {
  std::string org_id;
  std::string org_name;
  std::string role;
};
// The user's memberships in live organizations, oldest first.
std::vector<Membership> memberships(Tx& tx, std::string_view user_id);

}  // namespace prism::store::users
