#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "services/caller.hpp"
#include "services/operations/storage.hpp"
#include "store/audit_store.hpp"
#include "store/database.hpp"
#include "store/orgs_store.hpp"
#include "store/users_store.hpp"

namespace prism::services::operations {

// Who administers the server: an administrator through the API (checked to
// be one on every call), or the command line, which whoever may run `prism`
// beside the server's database is trusted to use.
struct AdminActor {
  std::optional<Caller> admin;  // unset: the command line

  static AdminActor command_line() { return {}; }
  static AdminActor api(Caller caller) { return {std::move(caller)}; }
};

// The account a change is about: the API names it by id, the command line
// by e-mail address.
struct UserRef {
  enum class By { kId, kEmail };
  By by = By::kId;
  std::string value;

  static UserRef id(std::string id) { return {By::kId, std::move(id)}; }
  static UserRef email(std::string email) { return {By::kEmail, std::move(email)}; }
};

// What to change; an unset field stays as it is.
struct UserChange {
  std::optional<bool> is_admin;
  std::optional<bool> disabled;

  static UserChange admin(bool is_admin) { return {is_admin, std::nullopt}; }
  static UserChange disable(bool disabled) { return {std::nullopt, disabled}; }
};

// PATCH /admin/users/{id}: {is_admin?, disabled?}, anything else a 422.
UserChange parse_user_change(const json::object& body);

// Server administration: a server-wide administrator role, separate from
// organization roles, and disabled accounts; used by `prism admin`, `prism
// user` and `prism org` and by /api/v1/admin. Every change is in the audit
// log with its actor ("by": "api" or "command line").
//
// Through the API, a caller who is not a server administrator gets 403
// before anything else is looked at (so ids cannot be probed), an unknown
// account 404. An administrator cannot take their own role away or disable
// themselves there (409): another administrator or the command line can, so
// the API never loses its last administrator by accident.
class ServerAdmin {
 public:
  explicit ServerAdmin(store::Database& db, config::StorageConfig storage = {})
      : db_(db), storage_(storage) {}

  // Applies `change`, recording each real change (a no-op records nothing).
  // Disabling ends the account's sessions and personal API tokens at once,
  // on every instance (the revocation is announced like a logout); enabling
  // lets it sign in again, and what was revoked stays revoked.
  store::users::Summary update_user(const AdminActor& actor, const UserRef& target,
                                    const UserChange& change);

  // In id (creation) order after `after_id`, at most `limit`; `search`
  // matches e-mail addresses and names.
  std::vector<store::users::Summary> users(const AdminActor& actor,
                                           const std::optional<std::string>& after_id,
                                           const std::optional<std::string>& search, int limit);
  std::vector<store::orgs::OrgSummary> orgs(const AdminActor& actor,
                                            const std::optional<std::string>& after_id, int limit);
  // The audit entries in no organization (these changes among them), newest
  // first, before `before_id`.
  std::vector<store::audit::NamedRow> audit_log(const AdminActor& actor,
                                                const std::optional<std::string>& before_id,
                                                int limit);
  // What `prism storage` reports: the database's size against its quota,
  // per table, and its growth.
  StorageReport storage(const AdminActor& actor);

 private:
  store::Database& db_;
  const config::StorageConfig storage_;
};

// The command line's tab-separated listings.
std::string format_users(const std::vector<store::users::Summary>& users);
std::string format_orgs(const std::vector<store::orgs::OrgSummary>& orgs);

}  // namespace prism::services::operations
