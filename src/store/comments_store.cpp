#include "store/comments_store.hpp"

namespace prism::store::comments {

namespace {

std::string s(std::string_view v) { return std::string(v); }

constexpr std::string_view kColumns =
    "c.id, c.org_id, c.document_id, c.parent_id, c.author_id, u.name, c.body, c.section, c.quote,"
    " c.anchor_version, c.anchor_hash, c.resolved_at, c.resolved_by, c.created_at, c.edited_at,"
    " c.deleted_at";

Comment comment_from(Row& r) {
  Comment c;
  c.id = r.take_str(0);
  c.org_id = r.take_str(1);
  c.document_id = r.take_str(2);
  c.parent_id = r.take_opt_str(3);
  c.author_id = r.take_str(4);
  c.author_name = r.take_str(5);
  c.body = r.take_str(6);
  c.section = r.take_opt_str(7);
  c.quote = r.take_opt_str(8);
  c.anchor_version = r.i64(9);
  c.anchor_hash = r.take_opt_str(10);
  c.resolved_at = r.opt_i64(11);
  c.resolved_by = r.take_opt_str(12);
  c.created_at = r.i64(13);
  c.edited_at = r.opt_i64(14);
  c.deleted_at = r.opt_i64(15);
  return c;
}

std::string select(std::string_view where) {
  return "SELECT " + std::string(kColumns) +
         " FROM comments c JOIN users u ON u.id = c.author_id"
         " JOIN documents d ON d.id = c.document_id AND d.deleted_at IS NULL WHERE " +
         std::string(where);
}

}  // namespace

constexpr std::string_view kInsert =
    "INSERT INTO comments (id, org_id, document_id, parent_id, author_id, body, section, quote,"
    " anchor_version, anchor_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
    " ?11)";

void insert(Tx& tx, const Comment& c) {
  tx.exec(kInsert,
          {c.id, c.org_id, c.document_id, opt(c.parent_id), c.author_id, c.body, opt(c.section),
           opt(c.quote), c.anchor_version, opt(c.anchor_hash), c.created_at});
}

std::optional<Comment> find(Tx& tx, std::string_view id) {
  static const std::string kFind = select("c.id = ?1");
  return tx.query_one_as(kFind, {s(id)}, comment_from);
}

std::vector<Comment> list_for_document(Tx& tx, std::string_view document_id) {
  static const std::string kList = select("c.document_id = ?1 ORDER BY c.id");
  std::vector<Comment> out;
  for (auto& row : tx.query(kList, {s(document_id)})) out.push_back(comment_from(row));
  return out;
}

std::int64_t count_for_document(Tx& tx, std::string_view document_id) {
  auto row = tx.query_one("SELECT COUNT(*) FROM comments WHERE document_id = ?1", {s(document_id)});
  return row ? row->i64(0) : 0;
}

bool update_body(Tx& tx, std::string_view id, std::string_view body, std::int64_t now) {
  return tx.exec(
             "UPDATE comments SET body = ?2, edited_at = ?3 WHERE id = ?1 AND deleted_at IS NULL",
             {s(id), s(body), now}) > 0;
}

bool set_resolved(Tx& tx, std::string_view id, std::optional<std::string> by,
                  std::optional<std::int64_t> at) {
  return tx.exec(
             "UPDATE comments SET resolved_by = ?2, resolved_at = ?3 WHERE id = ?1 AND deleted_at "
             "IS NULL",
             {s(id), opt(by), opt(at)}) > 0;
}

bool soft_delete(Tx& tx, std::string_view id, std::int64_t now) {
  return tx.exec("UPDATE comments SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
                 {s(id), now}) > 0;
}

std::vector<std::string> thread_participants(Tx& tx, std::string_view thread_id) {
  std::vector<std::string> out;
  for (auto& row : tx.query("SELECT DISTINCT author_id FROM comments WHERE (id = ?1 OR parent_id"
                            " = ?1) AND deleted_at IS NULL ORDER BY author_id",
                            {s(thread_id)})) {
    out.push_back(row.take_str(0));
  }
  return out;
}

}  // namespace prism::store::comments
