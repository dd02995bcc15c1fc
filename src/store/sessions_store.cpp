#include "store/sessions_store.hpp"

namespace prism::store::sessions {

namespace {

constexpr std::string_view kInsert =
    "INSERT INTO sessions (id, user_id, user_agent, ip, created_at, last_used_at, expires_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

constexpr std::string_view kFind =
    "SELECT id, user_id, user_agent, ip, created_at, last_used_at, expires_at, revoked_at,"
    " revoked_reason FROM sessions WHERE id = ?1";

constexpr std::string_view kListActive =
    "SELECT id, user_id, user_agent, ip, created_at, last_used_at, expires_at, revoked_at,"
    " revoked_reason FROM sessions"
    " WHERE user_id = ?1 AND revoked_at IS NULL AND expires_at > ?2 AND last_used_at > ?3"
    " AND (CAST(?4 AS TEXT) IS NULL OR id < ?4) ORDER BY id DESC LIMIT ?5";

constexpr std::string_view kTouch = "UPDATE sessions SET last_used_at = ?2 WHERE id = ?1";

constexpr std::string_view kRevoke =
    "UPDATE sessions SET revoked_at = ?3, revoked_reason = ?2"
    " WHERE id = ?1 AND revoked_at IS NULL";

constexpr std::string_view kRevokeAllForUser =
    "UPDATE sessions SET revoked_at = ?3, revoked_reason = ?2"
    " WHERE user_id = ?1 AND revoked_at IS NULL AND (CAST(?4 AS TEXT) IS NULL OR id <> ?4)";

Session from_row(Row& r) {
  return Session{r.take_str(0), r.take_str(1), r.take_str(2), r.take_str(3),    r.i64(4),
                 r.i64(5),      r.i64(6),      r.opt_i64(7),  r.take_opt_str(8)};
}

}  // namespace

void insert(Tx& tx, const Session& s) {
  tx.exec(kInsert,
          {s.id, s.user_id, s.user_agent, s.ip, s.created_at, s.last_used_at, s.expires_at});
}

std::optional<Session> find(Tx& tx, std::string_view id) {
  return tx.query_one_as(kFind, {std::string(id)}, from_row);
}

std::vector<Session> list_active(Tx& tx, std::string_view user_id, std::int64_t now,
                                 std::int64_t idle_since,
                                 const std::optional<std::string>& before_id, int limit) {
  std::vector<Session> out;
  for (auto& r : tx.query(kListActive, {std::string(user_id), now, idle_since, opt(before_id),
                                        std::int64_t{limit}})) {
    out.push_back(from_row(r));
  }
  return out;
}

void touch(Tx& tx, std::string_view id, std::int64_t now) {
  tx.exec(kTouch, {std::string(id), now});
}

bool revoke(Tx& tx, std::string_view id, std::string_view reason, std::int64_t now) {
  if (tx.exec(kRevoke, {std::string(id), std::string(reason), now}) == 0) return false;
  tx.notify(kChangesChannel, session_change(id));
  return true;
}

std::int64_t revoke_all_for_user(Tx& tx, std::string_view user_id, std::string_view reason,
                                 std::int64_t now, const std::optional<std::string>& keep_id) {
  std::int64_t n =
      tx.exec(kRevokeAllForUser, {std::string(user_id), std::string(reason), now, opt(keep_id)});
  if (n > 0) tx.notify(kChangesChannel, user_change(user_id));
  return n;
}

std::string session_change(std::string_view session_id) { return "s:" + std::string(session_id); }
std::string user_change(std::string_view user_id) { return "u:" + std::string(user_id); }

}  // namespace prism::store::sessions
