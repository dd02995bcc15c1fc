#include "api/admin_routes.hpp"

#include "api/audit_routes.hpp"
#include "api/caller.hpp"
#include "api/common.hpp"
#include "api/orgs_json.hpp"
#include "core/clock.hpp"

namespace prism::api {

namespace {

using services::operations::AdminActor;

json::object admin_user_json(const store::users::Summary& s) {
  const auto& u = s.user;
  return {{"id", u.id},
          {"email", u.email},
          {"name", u.name},
          {"is_admin", u.is_admin},
          {"disabled", u.disabled_at.has_value()},
          {"disabled_at", optional_time(u.disabled_at)},
          {"email_verified", u.email_verified_at.has_value()},
          {"created_at", rfc3339_ms(u.created_at)},
          {"organizations", s.organizations}};
}

json::object admin_org_json(const store::orgs::OrgSummary& o) {
  return {{"id", o.id},
          {"name", o.name},
          {"slug", o.slug},
          {"created_at", rfc3339_ms(o.created_at)},
          {"members", o.members},
          {"projects", o.projects},
          {"documents", o.documents}};
}

AdminActor actor_of(const http::Request& req) { return AdminActor::api(caller_of(req)); }

// ?q=: a non-empty substring of e-mail addresses and names.
std::optional<std::string> search_of(const http::Request& req) {
  auto q = req.query("q");
  if (!q || q->empty()) return std::nullopt;
  if (q->size() > 200) throw validation_failed("q", "must be at most 200 characters");
  return std::string(*q);
}

}  // namespace

void register_admin_routes(http::Router& router, services::operations::ServerAdmin& admin) {
  using verb = http::beast_http::verb;
  using http::Request;
  using http::Response;

  // Lists ask for one row more than a page: it only tells whether another
  // page follows (api::list_body).
  router.add(verb::get, "/api/v1/admin/users", [&admin](Request& req) {
    Page page = page_from(req);
    auto rows = admin.users(actor_of(req), page.cursor, search_of(req), page.limit + 1);
    return Response::json(list_body(json_array(rows, admin_user_json), page, cursor_field("id")));
  });

  router.add(verb::patch, "/api/v1/admin/users/{id}", [&admin](Request& req) {
    auto change = services::operations::parse_user_change(req.json_body());
    auto user = admin.update_user(actor_of(req), services::operations::UserRef::id(req.param("id")),
                                  change);
    return Response::json(admin_user_json(user));
  });

  router.add(verb::get, "/api/v1/admin/orgs", [&admin](Request& req) {
    Page page = page_from(req);
    auto rows = admin.orgs(actor_of(req), page.cursor, page.limit + 1);
    return Response::json(list_body(json_array(rows, admin_org_json), page, cursor_field("id")));
  });

  router.add(verb::get, "/api/v1/admin/audit", [&admin](Request& req) {
    Page page = page_from(req);
    auto rows = admin.audit_log(actor_of(req), page.cursor, page.limit + 1);
    return Response::json(list_body(json_array(rows, audit_json), page, cursor_field("id")));
  });

  router.add(verb::get, "/api/v1/admin/storage", [&admin](Request& req) {
    return Response::json(services::operations::to_json(admin.storage(actor_of(req))));
  });
}

}  // namespace prism::api
