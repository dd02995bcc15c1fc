#include "api/audit_routes.hpp"

#include "api/common.hpp"
#include "api/orgs_json.hpp"
#include "core/clock.hpp"
#include "services/audit/audit_catalog.hpp"

namespace prism::api {

namespace {

using http::Request;
using http::Response;

json::value person_json(const std::optional<services::AuditPerson>& p) {
  if (!p) return nullptr;
  return json::object{{"id", p->id},
                      {"name", p->name ? json::value(*p->name) : json::value(nullptr)},
                      {"email", p->email ? json::value(*p->email) : json::value(nullptr)}};
}

services::AuditFilterInput filter_of(const Request& req) {
  return services::AuditFilterInput{req.query("actor"), req.query("action"), req.query("from"),
                                    req.query("to")};
}

}  // namespace

json::object audit_json(const store::audit::NamedRow& entry) {
  const auto& row = entry.row;
  boost::system::error_code ec;
  json::value details = json::parse(row.details_json, ec);
  if (ec || !details.is_object()) details = json::object{};
  auto facts = services::audit_facts(entry, &details.as_object());
  const auto* info = services::find_audit_action(row.action);
  json::object out{{"id", row.id},
                   {"action", row.action},
                   {"action_label", info ? json::value(info->label) : json::value(row.action)},
                   {"summary", services::audit_sentence(facts)},
                   {"actor_id", row.actor_id ? json::value(*row.actor_id) : json::value(nullptr)},
                   {"actor", person_json(facts.actor)},
                   {"target_type", row.target_type},
                   {"target_id", row.target_id},
                   {"target", person_json(facts.target)},
                   {"ip", row.ip},
                   {"created_at", rfc3339_ms(row.created_at)}};
  out["details"] = std::move(details);
  return out;
}

void register_audit_routes(http::Router& router, services::AuditLogService& audit) {
  using verb = http::beast_http::verb;

  router.add(verb::get, "/api/v1/orgs/{org}/audit", [&audit](Request& req) {
    Page page = page_from(req);
    auto items = audit.list(req.principal().user_id, req.param("org"), filter_of(req), page.cursor,
                            page.limit);
    return Response::json(list_body(json_array(items, audit_json), page, cursor_field("id")));
  });

  router.add(verb::get, "/api/v1/orgs/{org}/audit/export", [&audit](Request& req) {
    auto file = audit.export_log(req.principal().user_id, req.param("org"), filter_of(req),
                                 req.query("format").value_or("csv"));
    Response res = Response::text(std::move(file.csv), "text/csv; charset=utf-8");
    res.header("Content-Disposition", "attachment; filename=\"" + file.filename + "\"");
    return res;
  });

  // The same for everyone signed in: which actions the log can hold, how
  // they read and how they group, for filter lists.
  router.add(
      verb::get, "/api/v1/audit/actions",
      [](Request&) {
        json::array items;
        for (const auto& a : services::kAuditActions) {
          auto category = services::audit_category_of(a.code);
          items.push_back(
              json::object{{"code", a.code},
                           {"label", a.label},
                           {"category", category},
                           {"category_label", services::audit_category_label(category)}});
        }
        return Response::json(json::object{{"items", std::move(items)}});
      },
      http::Auth::kRequired, http::Run::kInline);
}

}  // namespace prism::api
