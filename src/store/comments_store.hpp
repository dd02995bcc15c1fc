#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::comments {

struct Comment {
  std::string id;
  std::string org_id;
  std::string document_id;
  std::optional<std::string> parent_id;  // the thread's first comment; none for that one
  std::string author_id;
  std::string author_name;  // read from the user
  std::string body;
  std::optional<std::string> section;  // "" the preamble, none the whole document
  std::optional<std::string> quote;
  std::int64_t anchor_version = 0;
  std::optional<std::string> anchor_hash;
  std::optional<std::int64_t> resolved_at;
  std::optional<std::string> resolved_by;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> edited_at;
  std::optional<std::int64_t> deleted_at;
};

void insert(Tx& tx, const Comment& c);
// Deleted ones too (a thread keeps a deleted comment's place while it has
// replies); nullopt when there is no such comment or its document is gone.
std::optional<Comment> find(Tx& tx, std::string_view id);
// Every comment of the document in creation order, deleted ones included.
std::vector<Comment> list_for_document(Tx& tx, std::string_view document_id);
// How many comments the document has, deleted ones too: what bounds new ones.
std::int64_t count_for_document(Tx& tx, std::string_view document_id);
bool update_body(Tx& tx, std::string_view id, std::string_view body, std::int64_t now);
bool set_resolved(Tx& tx, std::string_view id, std::optional<std::string> by,
                  std::optional<std::int64_t> at);
bool soft_delete(Tx& tx, std::string_view id, std::int64_t now);
// The authors of the thread's comments (first comment and replies), live ones.
std::vector<std::string> thread_participants(Tx& tx, std::string_view thread_id);

}  // namespace prism::store::comments
