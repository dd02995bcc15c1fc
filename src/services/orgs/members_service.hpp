#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/access.hpp"
#include "services/caller.hpp"
#include "store/database.hpp"
#include "store/orgs_store.hpp"

namespace prism::services {

// Members of an organization. Access checks read memberships on every
// request, so a role change or removal takes effect on the next request.
class MembersService {
 public:
  explicit MembersService(store::Database& db) : db_(db) {}

  // Any member; up to `limit + 1` members after `cursor` (a user id).
  std::vector<store::orgs::Member> list(std::string_view user_id, std::string_view org_id,
                                        const std::optional<std::string>& cursor, int limit);
  // Admin or higher; only an owner grants or revokes owner; the last owner stays.
  store::orgs::Member change_role(const Caller& caller, std::string_view org_id,
                                  std::string_view target_user_id, Role role);
  // Admin or higher, or any member leaving; the last owner stays.
  void remove(const Caller& caller, std::string_view org_id, std::string_view target_user_id);

 private:
  store::Database& db_;
};

}  // namespace prism::services
