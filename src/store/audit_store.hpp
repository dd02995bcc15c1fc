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

// A user an entry names, as the users table knows them now; unset when the
// entry names nobody or the account no longer exists.
struct Person {
  std::string name;
  std::string email;
};

// A row with the actor and (for entries about a user) the target user.
struct NamedRow {
  Row row;
  std::optional<Person> actor;
  std::optional<Person> target;
};

// Which entries of an organization to list; unset members do not filter.
struct Filter {
  std::optional<std::string> before_id;  // the cursor (ids are time-ordered)
  std::optional<std::string> actor_id;
  std::optional<std::string> action;         // one code
  std::optional<std::string> action_prefix;  // a group: "member." matches member.*
  std::optional<std::int64_t> from_ms;       // created at or after
  std::optional<std::int64_t> until_ms;      // created before
};

void insert(Tx& tx, const Row& row);
// Newest first; `before_id` is the cursor (ids are time-ordered).
std::vector<Row> list_for_org(Tx& tx, const std::string& org_id,
                              const std::optional<std::string>& before_id, int limit);
// The organization's entries that pass `filter`, newest first, with names.
std::vector<NamedRow> list_named(Tx& tx, const std::string& org_id, const Filter& filter,
                                 int limit);
// The server's own entries, in no organization (server administration,
// sign-ins of users without one), newest first, with names.
std::vector<NamedRow> list_without_org(Tx& tx, const std::optional<std::string>& before_id,
                                       int limit);

}  // namespace prism::store::audit
