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
  bool ended = tx.exec("UPDATE mcp_sessions SET ended_at = ?2 WHERE id = ?1 AND ended_at IS NULL",
                       {s(id), now}) > 0;
  if (ended) tx.notify(kEndedChannel, id);
  return ended;
}

bool subscribe(Tx& tx, std::string_view session_id, std::string_view uri, std::int64_t now) {
  return tx.exec(
             "INSERT INTO mcp_subscriptions (session_id, uri, created_at) VALUES (?1, ?2, ?3)"
             " ON CONFLICT (session_id, uri) DO NOTHING",
             {s(session_id), s(uri), now}) > 0;
}

bool unsubscribe(Tx& tx, std::string_view session_id, std::string_view uri) {
  return tx.exec("DELETE FROM mcp_subscriptions WHERE session_id = ?1 AND uri = ?2",
                 {s(session_id), s(uri)}) > 0;
}

std::int64_t count_subscriptions(Tx& tx, std::string_view session_id) {
  return tx
      .query_one("SELECT COUNT(*) FROM mcp_subscriptions WHERE session_id = ?1", {s(session_id)})
      ->i64(0);
}

std::vector<Subscriber> subscribers(Tx& tx, std::string_view uri) {
  std::vector<Subscriber> out;
  for (auto& r : tx.query("SELECT s.id, s.user_id FROM mcp_subscriptions m JOIN mcp_sessions s"
                          " ON s.id = m.session_id WHERE m.uri = ?1 AND s.ended_at IS NULL",
                          {s(uri)})) {
    out.push_back({r.take_str(0), r.take_str(1)});
  }
  return out;
}

}  // namespace prism::store::mcp_sessions
