#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace prism::store::audit {

struct Row {
  std::string id;
  std::optional<std::string> org_id;
  std::optional<std::string> actor_id;
  std::string action;
  std::string target_type;
  std::string target_id;
  std::string details_json;
  std::string ip;
  std::int64_t created_at = 0;
};

void insert(Tx& tx, const Row& row);
// Newest first; `before_id` is the cursor (ids are time-ordered).
std::vector<Row> list_for_org(Tx& tx, const std::string& org_id,
                              const std::optional<std::string>& before_id, int limit);
// The server's own entries, in no organization (server administration,
// sign-ins of users without one), newest first.
std::vector<Row> list_without_org(Tx& tx, const std::optional<std::string>& before_id, int limit);

}  // namespace prism::store::audit
