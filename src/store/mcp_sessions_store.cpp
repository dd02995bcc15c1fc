#include "store/mcp_sessions_store.hpp"

namespace prism::store::mcp_sessions {

namespace {

std::string s(std::string_view v) { return std::string(v); }

}  // namespace

void insert(Tx& tx, const Session& x) {
  tx.exec(
      "INSERT INTO mcp_sessions (id, user_id, token_id, protocol_version, client_name,"
      " created_at, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
      {x.id, x.user_id, opt(x.token_id), x.protocol_version, x.client_name, x.created_at});
}

std::optional<Session> find(Tx& tx, std::string_view id) {
  return tx.query_one_as(
      "SELECT id, user_id, token_id, protocol_version, client_name, created_at, last_seen_at,"
      " ended_at FROM mcp_sessions WHERE id = ?1",
      {s(id)}, [](Row& r) {
        return Session{r.take_str(0), r.take_str(1), r.take_opt_str(2), r.take_str(3),
                       r.take_str(4), r.i64(5),      r.i64(6),          r.opt_i64(7)};
      });
}

void touch(Tx& tx, std::string_view id, std::int64_t now, std::int64_t min_interval_ms) {
  tx.exec("UPDATE mcp_sessions SET last_seen_at = ?2 WHERE id = ?1 AND last_seen_at <= ?3",
          {s(id), now, now - min_interval_ms});
}

bool end(Tx& tx, std::string_view id, std::int64_t now) {
  return tx.exec("UPDATE mcp_sessions SET ended_at = ?2 WHERE id = ?1 AND ended_at IS NULL",
                 {s(id), now}) > 0;
}

std::int64_t end_idle(Tx& tx, std::int64_t idle_before, std::int64_t now) {
  return tx.exec(
      "UPDATE mcp_sessions SET ended_at = ?2 WHERE ended_at IS NULL AND last_seen_at < ?1",
      {idle_before, now});
}

}  // namespace prism::store::mcp_sessions
