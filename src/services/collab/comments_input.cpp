#include "core/error.hpp"
#include "services/collab/comments_service.hpp"

namespace prism::services::collab {

namespace {

std::string checked_body(JsonReader& r, bool required) {
  auto body = required ? std::optional(r.required_string("body", 1, kMaxCommentBytes))
                       : r.optional_string("body", 1, kMaxCommentBytes);
  if (body && body->find_first_not_of(" \t\r\n") == std::string::npos) {
    r.add_error("body", "must not be blank");
  }
  return body.value_or("");
}

}  // namespace

NewComment parse_new_comment(const json::object& body) {
  JsonReader r(body);
  NewComment in;
  in.body = checked_body(r, true);
  in.section = r.optional_string("section", 0, 200);
  in.quote = r.optional_string("quote", 1, kMaxQuoteBytes);
  in.parent_id = r.optional_string("parent_id", 1, 100);
  if (in.quote && !in.section) r.add_error("quote", "needs the section it is quoted from");
  if (in.parent_id && (in.section || in.quote)) {
    r.add_error("parent_id",
                "a reply belongs to its thread's section; leave section and quote out");
  }
  r.finish();
  return in;
}

CommentChanges parse_comment_changes(const json::object& body) {
  JsonReader r(body);
  CommentChanges c;
  if (r.has("body")) c.body = checked_body(r, false);
  c.resolved = r.optional_bool("resolved");
  if (!c.body && !c.resolved && r.ok()) r.add_error("body", "give body or resolved");
  r.finish();
  return c;
}

}  // namespace prism::services::collab
