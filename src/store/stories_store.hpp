#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::stories {

struct Story {
  std::string id;
  std::string org_id;
  std::string project_id;
  std::optional<std::string> document_id;
  std::optional<std::string> generation_id;
  std::string title;
  std::string as_a;
  std::string i_want;
  std::string so_that;
  std::vector<std::string> acceptance_criteria;  // a JSON array of strings in the table
  std::optional<std::int64_t> points;
  std::string priority = "medium";
  std::string status = "todo";
  std::optional<std::string> requirement_ref;
  std::string created_by;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  // The story's number within its project (never reused there), and the
  // project's current key: together its key, CHK-12. Reads fill in
  // project_key from the project, so keys follow a renamed project.
  std::int64_t number = 0;
  std::string project_key;
};

struct ListFilter {
  std::string project_id;
  std::optional<std::string> status;
  std::optional<std::string> document_id;
  std::optional<std::string> priority;
  std::optional<std::string> after_id;  // cursor: ids are UUIDv7, so id order is creation order
  int limit = 50;
  // Only the story with this number.
  std::optional<std::int64_t> number;
  // Stories whose title contains `text` (case-insensitive: ASCII letters on
  // SQLite, all letters on PostgreSQL), or whose number is `text_number`.
  std::optional<std::string> text;
  std::optional<std::int64_t> text_number;
};

// The next number of the project's stories, and the project's key: the
// project's counter goes up by one in this transaction, so two transactions
// never take the same number and a number is never taken twice (nullopt when
// there is no such project).
struct TakenNumber {
  std::int64_t number = 0;
  std::string project_key;
};
std::optional<TakenNumber> take_number(Tx& tx, std::string_view project_id);

// Inserts the story with its number (from take_number).
void insert(Tx& tx, const Story& s);
// The story if it, its project and its organization are live (not deleted).
std::optional<Story> find(Tx& tx, std::string_view id);
// Live stories of the project matching the filter, in creation order.
std::vector<Story> list(Tx& tx, const ListFilter& filter);
// Writes every editable field and updated_at.
void update(Tx& tx, const Story& s);
// False when the story was already gone.
bool soft_delete(Tx& tx, std::string_view id, std::int64_t now);

// How many live stories name each requirement id, for the stories linked to
// the document.
std::map<std::string, std::int64_t> requirement_counts(Tx& tx, std::string_view document_id);
// The requirement ids (FR-1, NFR-2 …) at least one live story of the
// document covers: what the lint rule "requirements no story covers" needs.
std::set<std::string> covered_requirements(Tx& tx, std::string_view document_id);

}  // namespace prism::store::stories
