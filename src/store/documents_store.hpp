#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::documents {

struct Document {
  std::string id;
  std::string org_id;
  std::string project_id;
  std::string title;
  std::string status;
  std::string template_name;
  std::int64_t current_version = 0;
  std::string created_by;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct Version {
  std::string document_id;
  std::int64_t version = 0;
  std::string title;
  std::string content;
  std::optional<std::string> author_id;
  std::string author_name;  // filled by reads (users.name), ignored by insert
  std::string source = "human";
  std::optional<std::string> generation_id;
  std::string summary;
  std::int64_t created_at = 0;
};

struct ListFilter {
  std::string project_id;
  std::optional<std::string> status;
  // Words to find in the current title or content (all of them; the last one
  // also as a prefix). Empty: no text filter.
  std::vector<std::string> words;
  std::optional<std::string> before_id;  // cursor: ids are time-ordered
  int limit = 50;
};

void insert_document(Tx& tx, const Document& d);
// The document if it, its project and its organization are live (not deleted).
std::optional<Document> find_document(Tx& tx, std::string_view id);
// Newest first.
std::vector<Document> list_documents(Tx& tx, const ListFilter& filter);

// Moves the document to `new_version` with `title` and `status`, but only if it
// is still at `expected_version`: false when another write got there first.
// The comparison is in the UPDATE itself, so it holds under any isolation level.
bool update_document(Tx& tx, std::string_view id, std::int64_t expected_version,
                     std::int64_t new_version, const std::string& title, const std::string& status,
                     std::int64_t now);
// Moves the document to its organization's trash (services/trash): it is
// no longer live, and `deleted_by` and `now` say who moved it there and when.
bool soft_delete_document(Tx& tx, std::string_view id, std::string_view deleted_by,
                          std::int64_t now);

void insert_version(Tx& tx, const Version& v);
std::optional<Version> find_version(Tx& tx, std::string_view document_id, std::int64_t version);
// Newest first, without content; `before_version` is the cursor.
// A live document with its current version, read together.
struct Current {
  Document document;
  Version version;
};
// find_document and find_version(current_version) in one read; nullopt when
// the document is not live. A live document always has its current version.
std::optional<Current> find_current(Tx& tx, std::string_view id);
// find_current for a member of the document's organization, with the member's
// role; nullopt for anyone else. Only services/access.cpp decides what that
// means (tenant isolation lives there).
struct CurrentWithRole {
  std::string role;
  Current current;
};
std::optional<CurrentWithRole> find_current_as(Tx& tx, std::string_view user_id,
                                               std::string_view id);

std::vector<Version> list_versions(Tx& tx, std::string_view document_id,
                                   std::optional<std::int64_t> before_version, int limit);

}  // namespace prism::store::documents
