#include "store/notifications_store.hpp"

namespace prism::store::notifications {

namespace {

std::string s(std::string_view v) { return std::string(v); }

Notification notification_from(Row& r) {
  Notification n;
  n.id = r.take_str(0);
  n.user_id = r.take_str(1);
  n.org_id = r.take_str(2);
  n.kind = r.take_str(3);
  n.actor_id = r.take_opt_str(4);
  n.actor_name = r.take_str(5);
  n.document_id = r.take_opt_str(6);
  n.document_title = r.take_str(7);
  n.project_id = r.take_str(8);
  n.comment_id = r.take_opt_str(9);
  n.review_id = r.take_opt_str(10);
  n.excerpt = r.take_str(11);
  n.created_at = r.i64(12);
  n.read_at = r.opt_i64(13);
  return n;
}

// A notification stays visible while the user is a member of its
// organization and its document (if any) is not deleted.
constexpr std::string_view kVisible =
    " FROM notifications n JOIN memberships m ON m.org_id = n.org_id AND m.user_id = n.user_id"
    " JOIN organizations o ON o.id = n.org_id AND o.deleted_at IS NULL"
    " LEFT JOIN users a ON a.id = n.actor_id"
    " LEFT JOIN documents d ON d.id = n.document_id"
    " WHERE n.user_id = ?1 AND (n.document_id IS NULL OR d.deleted_at IS NULL)";

}  // namespace

constexpr std::string_view kInsert =
    "INSERT INTO notifications (id, user_id, org_id, kind, actor_id, document_id, comment_id,"
    " review_id, excerpt, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

void insert(Tx& tx, const Notification& n) {
  tx.exec(kInsert, {n.id, n.user_id, n.org_id, n.kind, opt(n.actor_id), opt(n.document_id),
                    opt(n.comment_id), opt(n.review_id), n.excerpt, n.created_at});
  tx.notify(kChannel, n.user_id);
}

std::vector<Notification> list_for_user(Tx& tx, std::string_view user_id, bool unread_only,
                                        const std::optional<std::string>& before_id, int limit) {
  static const std::string kList =
      "SELECT n.id, n.user_id, n.org_id, n.kind, n.actor_id, COALESCE(a.name, ''), n.document_id,"
      " COALESCE(d.title, ''), COALESCE(d.project_id, ''), n.comment_id, n.review_id, n.excerpt,"
      " n.created_at, n.read_at" +
      std::string(kVisible) +
      " AND (?2 = 0 OR n.read_at IS NULL) AND (CAST(?3 AS TEXT) IS NULL OR n.id < ?3)"
      " ORDER BY n.id DESC LIMIT ?4";
  std::vector<Notification> out;
  for (auto& row : tx.query(kList, {s(user_id), std::int64_t{unread_only ? 1 : 0}, opt(before_id),
                                    std::int64_t{limit}})) {
    out.push_back(notification_from(row));
  }
  return out;
}

std::int64_t unread_count(Tx& tx, std::string_view user_id) {
  static const std::string kCount =
      "SELECT COUNT(*)" + std::string(kVisible) + " AND n.read_at IS NULL";
  auto row = tx.query_one(kCount, {s(user_id)});
  return row ? row->i64(0) : 0;
}

std::int64_t mark_read(Tx& tx, std::string_view user_id, const std::vector<std::string>& ids,
                       std::int64_t now) {
  std::int64_t changed = 0;
  for (const auto& id : ids) {
    changed += tx.exec(
        "UPDATE notifications SET read_at = ?3 WHERE id = ?2 AND user_id = ?1 AND read_at IS NULL",
        {s(user_id), id, now});
  }
  if (changed > 0) tx.notify(kChannel, user_id);
  return changed;
}

std::int64_t mark_all_read(Tx& tx, std::string_view user_id, std::int64_t now) {
  std::int64_t changed =
      tx.exec("UPDATE notifications SET read_at = ?2 WHERE user_id = ?1 AND read_at IS NULL",
              {s(user_id), now});
  if (changed > 0) tx.notify(kChannel, user_id);
  return changed;
}

std::map<std::string, bool> email_preferences(Tx& tx, std::string_view user_id) {
  std::map<std::string, bool> out;
  for (auto& row : tx.query("SELECT kind, email FROM notification_preferences WHERE user_id = ?1",
                            {s(user_id)})) {
    out[row.take_str(0)] = row.i64(1) != 0;
  }
  return out;
}

void set_email_preference(Tx& tx, std::string_view user_id, std::string_view kind, bool email) {
  tx.exec(
      "INSERT INTO notification_preferences (user_id, kind, email) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (user_id, kind) DO UPDATE SET email = excluded.email",
      {s(user_id), s(kind), std::int64_t{email ? 1 : 0}});
}

}  // namespace prism::store::notifications
