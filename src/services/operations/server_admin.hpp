#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"
#include "store/orgs_store.hpp"
#include "store/users_store.hpp"

namespace prism::services::operations {

// Server administration from the command line (`prism admin`, `prism user`,
// `prism org`): a server-wide administrator role, separate from
// organization roles, and disabling accounts. Every change is in the audit
// log (actor: the command line). An unknown e-mail address is a NotFound
// error naming it.
class ServerAdmin {
 public:
  explicit ServerAdmin(store::Database& db) : db_(db) {}

  void grant_admin(std::string_view email);
  void revoke_admin(std::string_view email);
  // A disabled account cannot sign in, and its sessions and personal API
  // tokens stop working at once (on every instance: the revocation is
  // announced like a logout).
  void disable_user(std::string_view email);
  // Signing in works again; the revoked sessions and tokens stay revoked.
  void enable_user(std::string_view email);

  std::vector<store::users::User> users(int limit = 10'000);
  std::vector<store::orgs::OrgSummary> orgs(int limit = 10'000);

 private:
  store::users::User require_user(store::Tx& tx, std::string_view email);

  store::Database& db_;
};

std::string format_users(const std::vector<store::users::User>& users);
std::string format_orgs(const std::vector<store::orgs::OrgSummary>& orgs);

}  // namespace prism::services::operations
