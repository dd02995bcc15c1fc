#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/access.hpp"
#include "services/caller.hpp"
#include "services/orgs/orgs_input.hpp"
#include "store/audit_store.hpp"
#include "store/database.hpp"
#include "store/orgs_store.hpp"

namespace prism::services {

// An organization as one of its members sees it.
struct OrgView {
  store::orgs::Org org;
  Role role;
};

// What a new organization starts with: the monthly AI budget of
// AI_DEFAULT_ORG_BUDGET_TOKENS / _USD (unset: no budget), so that an account
// made only to spend AI cannot spend without limit (issue 11, finding 5).
struct OrgDefaults {
  std::optional<std::int64_t> monthly_budget_tokens;
  std::optional<double> monthly_budget_usd;
};

// Creates an organization with `caller` as its owner inside the caller's
// transaction, so registration (user + organization) commits as one unit.
// Validates the name and slug itself. An explicit slug already in use is a
// 409; a derived one is made unique with a numeric suffix. Every way an
// organization is made (POST /orgs, registration) comes through here, so
// each gets `defaults`.
store::orgs::Org create_org_in_tx(store::Tx& tx, const Caller& caller, const CreateOrgInput& input,
                                  const OrgDefaults& defaults);

// Lists return up to `limit + 1` items after `cursor`: the extra one only
// tells the caller that another page exists (see api::list_body).
class OrgsService {
 public:
  explicit OrgsService(store::Database& db, OrgDefaults defaults = {})
      : db_(db), defaults_(std::move(defaults)) {}

  OrgView create(const Caller& caller, const CreateOrgInput& input);
  std::vector<OrgView> list_mine(std::string_view user_id, const std::optional<std::string>& cursor,
                                 int limit);
  OrgView get(std::string_view user_id, std::string_view org_id);
  // Admin or higher.
  OrgView update(const Caller& caller, std::string_view org_id, const UpdateOrgInput& input);
  // Owner only; a soft delete after which every resource of the org is 404.
  void remove(const Caller& caller, std::string_view org_id);

 private:
  store::Database& db_;
  OrgDefaults defaults_;
};

}  // namespace prism::services
