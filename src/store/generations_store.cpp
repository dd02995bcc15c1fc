#include "store/generations_store.hpp"

namespace prism::store::generations {

namespace {

std::string s(std::string_view v) { return std::string(v); }

constexpr std::string_view kColumns =
    "id, org_id, project_id, user_id, kind, status, input, template, template_version, provider,"
    " model, params, cache_key, cached, output, result, document_id, document_version, applied_at,"
    " tokens_in, tokens_out, tokens_estimated, cost_usd, latency_ms, error_code, error_message,"
    " created_at, started_at, finished_at, tokens_reserved, cost_reserved_usd, applied_stories";

Generation from_row(const Row& r) {
  Generation g;
  g.id = r.str(0);
  g.org_id = r.str(1);
  g.project_id = r.str(2);
  g.user_id = r.str(3);
  g.kind = r.str(4);
  g.status = r.str(5);
  g.input = r.str(6);
  g.template_name = r.str(7);
  g.template_version = r.i64(8);
  g.provider = r.str(9);
  g.model = r.str(10);
  g.params = r.str(11);
  g.cache_key = r.str(12);
  g.cached = r.i64(13) != 0;
  g.output = r.str(14);
  g.result = r.opt_str(15);
  g.document_id = r.opt_str(16);
  g.document_version = r.opt_i64(17);
  g.applied_at = r.opt_i64(18);
  g.tokens_in = r.i64(19);
  g.tokens_out = r.i64(20);
  g.tokens_estimated = r.i64(21) != 0;
  g.cost_usd = r.f64(22);
  g.latency_ms = r.opt_i64(23);
  g.error_code = r.opt_str(24);
  g.error_message = r.opt_str(25);
  g.created_at = r.i64(26);
  g.started_at = r.opt_i64(27);
  g.finished_at = r.opt_i64(28);
  g.tokens_reserved = r.i64(29);
  g.cost_reserved_usd = r.f64(30);
  g.applied_stories = r.opt_str(31);
  return g;
}

UsageRow usage_from(const Row& r) {
  return UsageRow{r.str(0), r.i64(1), r.i64(2), r.i64(3), r.i64(4), r.f64(5)};
}

}  // namespace

constexpr std::string_view kInsert =
    "INSERT INTO generations (id, org_id, project_id, user_id, kind, status, input, template,"
    " template_version, provider, model, params, cache_key, cached, output, result, document_id,"
    " document_version, applied_at, tokens_in, tokens_out, tokens_estimated, cost_usd, latency_ms,"
    " error_code, error_message, created_at, started_at, finished_at, tokens_reserved,"
    " cost_reserved_usd) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
    " ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)";

void insert(Tx& tx, const Generation& g) {
  tx.exec(kInsert, {g.id,
                    g.org_id,
                    g.project_id,
                    g.user_id,
                    g.kind,
                    g.status,
                    g.input,
                    g.template_name,
                    g.template_version,
                    g.provider,
                    g.model,
                    g.params,
                    g.cache_key,
                    std::int64_t{g.cached ? 1 : 0},
                    g.output,
                    opt(g.result),
                    opt(g.document_id),
                    opt(g.document_version),
                    opt(g.applied_at),
                    g.tokens_in,
                    g.tokens_out,
                    std::int64_t{g.tokens_estimated ? 1 : 0},
                    g.cost_usd,
                    opt(g.latency_ms),
                    opt(g.error_code),
                    opt(g.error_message),
                    g.created_at,
                    opt(g.started_at),
                    opt(g.finished_at),
                    g.tokens_reserved,
                    g.cost_reserved_usd});
}

std::optional<Generation> find(Tx& tx, std::string_view id) {
  static const std::string kFind =
      "SELECT " + std::string(kColumns) + " FROM generations WHERE id = ?1";
  return tx.query_one_as(kFind, {s(id)}, from_row);
}

constexpr std::string_view kMarkRunning =
    "UPDATE generations SET status = 'running', started_at = ?2, heartbeat_at = ?2"
    " WHERE id = ?1 AND status = 'queued'";

bool mark_running(Tx& tx, std::string_view id, std::int64_t now) {
  return tx.exec(kMarkRunning, {s(id), now}) == 1;
}

constexpr std::string_view kUpdateOutput =
    "UPDATE generations SET output = ?2 WHERE id = ?1 AND status = 'running'";

void update_output(Tx& tx, std::string_view id, std::string_view output) {
  tx.exec(kUpdateOutput, {s(id), s(output)});
}

constexpr std::string_view kFinish =
    "UPDATE generations SET status = ?2, output = ?3, result = ?4, document_id = COALESCE(?5,"
    " document_id), document_version = COALESCE(?6, document_version), tokens_in = ?7,"
    " tokens_out = ?8, tokens_estimated = ?9, cost_usd = ?10, latency_ms = ?11, error_code = ?12,"
    " error_message = ?13, finished_at = ?14 WHERE id = ?1 AND status IN ('queued', 'running')";

bool finish(Tx& tx, std::string_view id, const Outcome& o) {
  return tx.exec(kFinish, {s(id), o.status, o.output, opt(o.result), opt(o.document_id),
                           opt(o.document_version), o.tokens_in, o.tokens_out,
                           std::int64_t{o.tokens_estimated ? 1 : 0}, o.cost_usd, opt(o.latency_ms),
                           opt(o.error_code), opt(o.error_message), o.finished_at}) == 1;
}

std::vector<Generation> list_for_project(Tx& tx, std::string_view project_id,
                                         const std::optional<std::string>& before_id, int limit) {
  static const std::string kList =
      "SELECT " + std::string(kColumns) +
      " FROM generations WHERE project_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR"
      " id < ?2) ORDER BY id DESC LIMIT ?3";
  std::vector<Generation> out;
  for (const auto& row : tx.query(kList, {s(project_id), opt(before_id), std::int64_t{limit}})) {
    out.push_back(from_row(row));
  }
  return out;
}

constexpr std::string_view kCountRunning =
    "SELECT COUNT(*) FROM generations WHERE org_id = ?1 AND status IN ('queued', 'running')";

std::int64_t count_running(Tx& tx, std::string_view org_id) {
  return tx.query_one(kCountRunning, {s(org_id)})->i64(0);
}

constexpr std::string_view kCountRunningForUser =
    "SELECT COUNT(*) FROM generations WHERE user_id = ?1 AND status IN ('queued', 'running')";

std::int64_t count_running_for_user(Tx& tx, std::string_view user_id) {
  return tx.query_one(kCountRunningForUser, {s(user_id)})->i64(0);
}

constexpr std::string_view kSpend =
    "SELECT COALESCE(SUM(tokens_in + tokens_out), 0), COALESCE(SUM(cost_usd), 0),"
    " COALESCE(SUM(CASE WHEN status IN ('queued', 'running') THEN tokens_reserved ELSE 0 END), 0),"
    " COALESCE(SUM(CASE WHEN status IN ('queued', 'running') THEN cost_reserved_usd ELSE 0 END),"
    " 0) FROM generations WHERE org_id = ?1 AND created_at >= ?2 AND created_at < ?3";

Spend spend(Tx& tx, std::string_view org_id, std::int64_t from_ms, std::int64_t to_ms) {
  auto row = tx.query_one(kSpend, {s(org_id), from_ms, to_ms});
  return Spend{row->i64(0), row->f64(1), row->i64(2), row->f64(3)};
}

// Days are grouped by integer division of the Unix ms timestamp, which both
// SQLite and PostgreSQL do for BIGINT operands.
constexpr std::string_view kUsageByDay =
    "SELECT CAST((created_at / 86400000) * 86400000 AS TEXT) AS k, COUNT(*), SUM(cached),"
    " SUM(tokens_in), SUM(tokens_out), SUM(cost_usd) FROM generations WHERE org_id = ?1"
    " AND created_at >= ?2 AND created_at < ?3 GROUP BY created_at / 86400000 ORDER BY"
    " created_at / 86400000";
constexpr std::string_view kUsageByUser =
    "SELECT user_id, COUNT(*), SUM(cached), SUM(tokens_in), SUM(tokens_out), SUM(cost_usd)"
    " FROM generations WHERE org_id = ?1 AND created_at >= ?2 AND created_at < ?3"
    " GROUP BY user_id ORDER BY user_id";
constexpr std::string_view kUsageByModel =
    "SELECT provider || '/' || model, COUNT(*), SUM(cached), SUM(tokens_in), SUM(tokens_out),"
    " SUM(cost_usd) FROM generations WHERE org_id = ?1 AND created_at >= ?2 AND created_at < ?3"
    " GROUP BY provider, model ORDER BY provider, model";

namespace {
std::vector<UsageRow> usage(Tx& tx, std::string_view sql, std::string_view org_id,
                            std::int64_t from_ms, std::int64_t to_ms) {
  std::vector<UsageRow> out;
  for (const auto& row : tx.query(sql, {s(org_id), from_ms, to_ms})) out.push_back(usage_from(row));
  return out;
}
}  // namespace

std::vector<UsageRow> usage_by_day(Tx& tx, std::string_view org_id, std::int64_t from_ms,
                                   std::int64_t to_ms) {
  return usage(tx, kUsageByDay, org_id, from_ms, to_ms);
}
std::vector<UsageRow> usage_by_user(Tx& tx, std::string_view org_id, std::int64_t from_ms,
                                    std::int64_t to_ms) {
  return usage(tx, kUsageByUser, org_id, from_ms, to_ms);
}
std::vector<UsageRow> usage_by_model(Tx& tx, std::string_view org_id, std::int64_t from_ms,
                                     std::int64_t to_ms) {
  return usage(tx, kUsageByModel, org_id, from_ms, to_ms);
}

std::optional<Generation> find_cached(Tx& tx, std::string_view org_id, std::string_view cache_key,
                                      std::int64_t min_finished_at) {
  static const std::string kFindCached =
      "SELECT " + std::string(kColumns) +
      " FROM generations WHERE org_id = ?1 AND cache_key = ?2 AND status = 'succeeded'"
      " AND finished_at >= ?3 AND output <> '' ORDER BY finished_at DESC LIMIT 1";
  return tx.query_one_as(kFindCached, {s(org_id), s(cache_key), min_finished_at}, from_row);
}

constexpr std::string_view kMarkApplied =
    "UPDATE generations SET applied_at = ?2 WHERE id = ?1 AND applied_at IS NULL";

bool mark_applied(Tx& tx, std::string_view id, std::int64_t now) {
  return tx.exec(kMarkApplied, {s(id), now}) == 1;
}

bool apply_stories(Tx& tx, std::string_view id, const std::optional<std::string>& before,
                   const std::string& after, std::optional<std::int64_t> all_applied_at) {
  return tx.exec("UPDATE generations SET applied_stories = ?2, applied_at = ?3"
                 " WHERE id = ?1 AND applied_at IS NULL AND COALESCE(applied_stories, '') = ?4",
                 {s(id), after, opt(all_applied_at), before.value_or("")}) == 1;
}

constexpr std::string_view kFailInterrupted =
    "UPDATE generations SET status = 'failed', error_code = 'interrupted', error_message ="
    " 'the server restarted before this generation finished', finished_at = ?1"
    " WHERE status IN ('queued', 'running')";

std::int64_t fail_interrupted(Tx& tx, std::int64_t now) { return tx.exec(kFailInterrupted, {now}); }

}  // namespace prism::store::generations
