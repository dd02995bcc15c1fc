#include "store/retention_store.hpp"

#include <array>

namespace prism::store::retention {

namespace {

// What "stopped mattering" means per table. A row that still works (a live
// session, a pending invitation, an unexpired share link) is never matched.
constexpr std::array<Rule, 5> kGraceRules{{
    {"sessions (with their refresh tokens)",
     "SELECT COUNT(*) FROM sessions WHERE expires_at < ?1 OR revoked_at < ?1",
     "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions"
     " WHERE expires_at < ?1 OR revoked_at < ?1 LIMIT ?2)"},
    {"password-reset and verification tokens",
     "SELECT COUNT(*) FROM email_tokens WHERE expires_at < ?1 OR used_at < ?1",
     "DELETE FROM email_tokens WHERE token_hash IN (SELECT token_hash FROM email_tokens"
     " WHERE expires_at < ?1 OR used_at < ?1 LIMIT ?2)"},
    {"invitations (expired or revoked)",
     "SELECT COUNT(*) FROM invitations"
     " WHERE (expires_at < ?1 AND accepted_at IS NULL) OR revoked_at < ?1",
     "DELETE FROM invitations WHERE id IN (SELECT id FROM invitations"
     " WHERE (expires_at < ?1 AND accepted_at IS NULL) OR revoked_at < ?1 LIMIT ?2)"},
    {"share links (expired or revoked)",
     "SELECT COUNT(*) FROM document_shares WHERE expires_at < ?1 OR revoked_at < ?1",
     "DELETE FROM document_shares WHERE id IN (SELECT id FROM document_shares"
     " WHERE expires_at < ?1 OR revoked_at < ?1 LIMIT ?2)"},
    {"generation event pages", "SELECT COUNT(*) FROM generation_event_pages WHERE created_at < ?1",
     "DELETE FROM generation_event_pages WHERE (generation_id, last_event_id) IN"
     " (SELECT generation_id, last_event_id FROM generation_event_pages"
     " WHERE created_at < ?1 LIMIT ?2)"},
}};

// The history row, its tokens and cost stay for usage reports; only the
// text goes.
constexpr Rule kGenerationOutputs{
    "generation outputs",
    "SELECT COUNT(*) FROM generations WHERE finished_at < ?1 AND output <> ''",
    "UPDATE generations SET output = '' WHERE id IN (SELECT id FROM generations"
    " WHERE finished_at < ?1 AND output <> '' LIMIT ?2)"};

// Their subscriptions go with them (ON DELETE CASCADE).
constexpr Rule kMcpSessions{
    "MCP sessions (ended or idle)",
    "SELECT COUNT(*) FROM mcp_sessions WHERE last_seen_at < ?1 OR ended_at < ?1",
    "DELETE FROM mcp_sessions WHERE id IN (SELECT id FROM mcp_sessions"
    " WHERE last_seen_at < ?1 OR ended_at < ?1 LIMIT ?2)"};

constexpr Rule kAuditLog{
    "audit log entries", "SELECT COUNT(*) FROM audit_log WHERE created_at < ?1",
    "DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE created_at < ?1 LIMIT ?2)"};

}  // namespace

std::vector<Planned> plan(const Cutoffs& c) {
  std::vector<Planned> out;
  for (const auto& rule : kGraceRules) out.push_back({&rule, c.now - c.grace_ms});
  out.push_back({&kMcpSessions, c.now - c.mcp_session_idle_ms});
  if (c.generation_cutoff) out.push_back({&kGenerationOutputs, *c.generation_cutoff});
  if (c.audit_cutoff) out.push_back({&kAuditLog, *c.audit_cutoff});
  return out;
}

std::int64_t count(Tx& tx, const Planned& p) {
  return tx.query_one(p.rule->count, {p.cutoff})->i64(0);
}

std::int64_t remove_batch(Tx& tx, const Planned& p, int batch) {
  return tx.exec(p.rule->remove, {p.cutoff, std::int64_t{batch}});
}

std::optional<std::int64_t> last_run(Tx& tx, std::string_view job) {
  auto row =
      tx.query_one("SELECT last_run_at FROM maintenance_runs WHERE name = ?1", {std::string(job)});
  if (!row) return std::nullopt;
  return row->i64(0);
}

void record_run(Tx& tx, std::string_view job, std::int64_t at, std::string_view report_json) {
  tx.exec(
      "INSERT INTO maintenance_runs (name, last_run_at, report) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (name) DO UPDATE SET last_run_at = excluded.last_run_at,"
      " report = excluded.report",
      {std::string(job), at, std::string(report_json)});
}

}  // namespace prism::store::retention
