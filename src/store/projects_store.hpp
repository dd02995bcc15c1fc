#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::projects {

struct Project {
  std::string id;
  std::string org_id;
  std::string name;
  std::string key;
  std::string description;
  std::string created_by;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// Only live (not soft-deleted) projects of live organizations are returned.
// insert and update throw ConstraintError when a live project of the org has the key.
void insert(Tx& tx, const Project& p);
std::optional<Project> find(Tx& tx, std::string_view project_id);
// In id (creation) order, after `after_id` when set.
std::vector<Project> list_for_org(Tx& tx, std::string_view org_id,
                                  const std::optional<std::string>& after_id, int limit);
// Whether another live project of the org (not `except_id`) uses the key.
bool key_taken(Tx& tx, std::string_view org_id, std::string_view key,
               std::string_view except_id = {});
void update(Tx& tx, const Project& p);
void soft_delete(Tx& tx, std::string_view project_id, std::int64_t now);

}  // namespace prism::store::projects
