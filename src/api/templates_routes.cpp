#include "api/templates_routes.hpp"

#include "api/caller.hpp"
#include "api/common.hpp"
#include "core/clock.hpp"

namespace prism::api {

json::object template_json(const ai::Template& t) {
  json::object o{{"id", t.id},
                 {"name", t.name},
                 {"label", t.label},
                 {"description", t.description},
                 {"version", t.version},
                 {"builtin", t.builtin},
                 {"sections", ai::sections_json(t.sections)}};
  if (t.org_id) {
    o["org_id"] = *t.org_id;
    o["created_at"] = rfc3339_ms(t.created_at);
    o["updated_at"] = rfc3339_ms(t.updated_at);
  } else {
    o["org_id"] = nullptr;
    o["created_at"] = nullptr;
    o["updated_at"] = nullptr;
  }
  return o;
}

void register_templates_routes(http::Router& router, services::TemplatesService& templates) {
  using verb = http::beast_http::verb;
  using http::Request;
  using http::Response;

  router.add(verb::get, "/api/v1/orgs/{org}/templates", [&templates](Request& req) {
    json::array items;
    for (const auto& t : templates.list(req.principal().user_id, req.param("org"))) {
      items.push_back(template_json(t));
    }
    return Response::json(json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
  });

  router.add(verb::post, "/api/v1/orgs/{org}/templates", [&templates](Request& req) {
    auto input = services::parse_template_input(req.json_body());
    auto t = templates.create(caller_of(req), req.param("org"), input);
    return Response::json(template_json(t), http::Status::created)
        .header("Location", "/api/v1/templates/" + t.id);
  });

  // The ETag is the template's version; a PATCH sends it back in If-Match.
  router.add(verb::get, "/api/v1/templates/{id}", [&templates](Request& req) {
    auto t = templates.get(req.principal().user_id, req.param("id"));
    return Response::json(template_json(t)).header("ETag", version_etag(t.version));
  });

  router.add(verb::patch, "/api/v1/templates/{id}", [&templates](Request& req) {
    std::int64_t if_match = required_if_match(req);
    auto changes = services::parse_template_changes(req.json_body());
    auto t = templates.update(caller_of(req), req.param("id"), if_match, changes);
    return Response::json(template_json(t)).header("ETag", version_etag(t.version));
  });

  router.add(verb::delete_, "/api/v1/templates/{id}", [&templates](Request& req) {
    templates.remove(caller_of(req), req.param("id"));
    return Response::no_content();
  });
}

}  // namespace prism::api
