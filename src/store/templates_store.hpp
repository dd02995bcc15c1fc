#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::templates {

// An organization's own PRD template; `sections` is JSON [{title, guidance, required}].
struct OrgTemplate {
  std::string id;
  std::string org_id;
  std::string name;
  std::string description;
  std::string sections;
  std::int64_t version = 1;
  std::string created_by;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// Only live templates of live organizations are returned. insert and update
// throw ConstraintError when a live template of the org has the name.
void insert(Tx& tx, const OrgTemplate& t);
std::optional<OrgTemplate> find(Tx& tx, std::string_view id);
std::optional<OrgTemplate> find_by_name(Tx& tx, std::string_view org_id, std::string_view name);
// By name.
std::vector<OrgTemplate> list_for_org(Tx& tx, std::string_view org_id);
// Writes `t` only while the stored row is still at `expected_version`
// (optimistic concurrency); false when another change came first.
bool update(Tx& tx, const OrgTemplate& t, std::int64_t expected_version);
void soft_delete(Tx& tx, std::string_view id, std::int64_t now);

}  // namespace prism::store::templates
