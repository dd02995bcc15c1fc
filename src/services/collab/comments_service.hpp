#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "services/caller.hpp"
#include "services/collab/notifier.hpp"
#include "store/comments_store.hpp"
#include "store/database.hpp"

namespace prism::services::collab {

inline constexpr std::size_t kMaxCommentBytes = 10000;
inline constexpr std::size_t kMaxQuoteBytes = 1000;
inline constexpr std::int64_t kMaxCommentsPerDocument = 5000;

struct NewComment {
  std::string body;
  std::optional<std::string> section;  // a `##` title or slug; "" the preamble
  std::optional<std::string> quote;
  std::optional<std::string> parent_id;
};

struct CommentChanges {
  std::optional<std::string> body;
  std::optional<bool> resolved;
};

// A comment as shown: a deleted one keeps its place (without its text) in a
// thread that has replies.
struct CommentView {
  store::comments::Comment comment;
  bool deleted = false;
  bool outdated = false;  // first comments only: its anchored text changed since
  std::optional<std::string> resolved_by_name;
  std::vector<store::comments::Comment> replies;  // first comments only
};

struct CommentsList {
  std::vector<CommentView> threads;
  bool can_comment = false;
};

// Comment threads on a document. Any member of the organization reads them;
// viewers write only while the organization lets them
// (viewers_can_comment); one edits one's own comments; the thread's author
// and the document's editors (member and above) resolve and reopen; the
// author and organization admins delete. Mentions and replies notify.
class CommentsService {
 public:
  CommentsService(store::Database& db, Notifier& notifier) : db_(db), notifier_(notifier) {}

  CommentsList list(const Caller& caller, std::string_view document_id);
  // The body is read (parse_new_comment / parse_comment_changes) once the
  // caller's access is checked: another tenant learns nothing from it.
  CommentView create(const Caller& caller, std::string_view document_id, const json::object& body);
  CommentView update(const Caller& caller, std::string_view comment_id, const json::object& body);
  void remove(const Caller& caller, std::string_view comment_id);

 private:
  store::Database& db_;
  Notifier& notifier_;
};

NewComment parse_new_comment(const json::object& body);
CommentChanges parse_comment_changes(const json::object& body);

}  // namespace prism::services::collab
