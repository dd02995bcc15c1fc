#include "api/generations_json.hpp"

#include "api/common.hpp"
#include "core/clock.hpp"

namespace prism::api {

namespace {

json::value opt_str(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}
json::value parsed_or_null(const std::optional<std::string>& text) {
  return text ? json::parse(*text) : json::value(nullptr);
}

json::array usage_rows(const std::vector<store::generations::UsageRow>& rows, const char* key,
                       bool key_is_day) {
  json::array out;
  for (const auto& r : rows) {
    json::value k =
        key_is_day ? json::value(rfc3339_ms(std::stoll(r.key)).substr(0, 10)) : json::value(r.key);
    out.push_back(json::object{{key, k},
                               {"generations", r.generations},
                               {"cached", r.cached},
                               {"tokens_in", r.tokens_in},
                               {"tokens_out", r.tokens_out},
                               {"cost_usd", r.cost_usd}});
  }
  return out;
}

}  // namespace

json::object generation_summary_json(const store::generations::Generation& g) {
  return json::object{
      {"id", g.id},
      {"project_id", g.project_id},
      {"user_id", g.user_id},
      {"kind", g.kind},
      {"status", g.status},
      {"cached", g.cached},
      {"provider", g.provider},
      {"model", g.model},
      {"template", g.template_name},
      {"tokens_in", g.tokens_in},
      {"tokens_out", g.tokens_out},
      {"tokens_estimated", g.tokens_estimated},
      {"cost_usd", g.cost_usd},
      {"tokens_reserved", g.tokens_reserved},
      {"cost_reserved_usd", g.cost_reserved_usd},
      {"latency_ms", g.latency_ms ? json::value(*g.latency_ms) : json::value(nullptr)},
      {"document_id", opt_str(g.document_id)},
      {"document_version",
       g.document_version ? json::value(*g.document_version) : json::value(nullptr)},
      {"error", g.error_code ? json::value(json::object{{"code", *g.error_code},
                                                        {"message", g.error_message.value_or("")}})
                             : json::value(nullptr)},
      {"applied_at", optional_time(g.applied_at)},
      {"applied_stories", g.applied_stories ? json::parse(*g.applied_stories) : json::array{}},
      {"created_at", rfc3339_ms(g.created_at)},
      {"started_at", optional_time(g.started_at)},
      {"finished_at", optional_time(g.finished_at)}};
}

json::object generation_json(const store::generations::Generation& g) {
  json::object out = generation_summary_json(g);
  out["input"] = json::parse(g.input);
  out["params"] = json::parse(g.params);
  out["output"] = g.output;
  out["result"] = parsed_or_null(g.result);
  return out;
}

json::object usage_json(const services::generations::UsageReport& r) {
  std::int64_t n = 0, in = 0, out = 0;
  double cost = 0;
  for (const auto& row : r.by_day) {
    n += row.generations;
    in += row.tokens_in;
    out += row.tokens_out;
    cost += row.cost_usd;
  }
  json::object totals{
      {"generations", n}, {"tokens_in", in}, {"tokens_out", out}, {"cost_usd", cost}};
  return json::object{
      {"from", rfc3339_ms(r.from_ms)},
      {"to", rfc3339_ms(r.to_ms)},
      {"totals", std::move(totals)},
      {"by_day", usage_rows(r.by_day, "day", true)},
      {"by_user", usage_rows(r.by_user, "user_id", false)},
      {"by_model", usage_rows(r.by_model, "model", false)},
      {"budget", json::object{{"monthly_tokens", r.budget_tokens ? json::value(*r.budget_tokens)
                                                                 : json::value(nullptr)},
                              {"monthly_usd",
                               r.budget_usd ? json::value(*r.budget_usd) : json::value(nullptr)},
                              {"month_tokens_used", r.month_spend.tokens},
                              {"month_cost_usd", r.month_spend.cost_usd},
                              {"month_tokens_reserved", r.month_spend.reserved_tokens},
                              {"month_cost_reserved_usd", r.month_spend.reserved_usd}}}};
}

}  // namespace prism::api
