#include "api/orgs_routes.hpp"

#include "api/caller.hpp"
#include "api/common.hpp"
#include "api/orgs_json.hpp"

namespace prism::api {

void register_orgs_routes(http::Router& router, services::OrgsService& orgs) {
  using verb = http::beast_http::verb;
  using http::Request;
  using http::Response;

  router.add(verb::get, "/api/v1/orgs", [&orgs](Request& req) {
    Page page = page_from(req);
    auto items = orgs.list_mine(req.principal().user_id, page.cursor, page.limit);
    return Response::json(list_body(json_array(items, org_json), page, cursor_field("id")));
  });

  router.add(verb::post, "/api/v1/orgs", [&orgs](Request& req) {
    auto input = services::parse_create_org(req.json_body());
    auto view = orgs.create(caller_of(req), input);
    return Response::json(org_json(view), http::Status::created)
        .header("Location", "/api/v1/orgs/" + view.org.id);
  });

  router.add(verb::get, "/api/v1/orgs/{org}", [&orgs](Request& req) {
    return Response::json(org_json(orgs.get(req.principal().user_id, req.param("org"))));
  });

  router.add(verb::patch, "/api/v1/orgs/{org}", [&orgs](Request& req) {
    auto input = services::parse_update_org(req.json_body());
    return Response::json(org_json(orgs.update(caller_of(req), req.param("org"), input)));
  });

  router.add(verb::delete_, "/api/v1/orgs/{org}", [&orgs](Request& req) {
    orgs.remove(caller_of(req), req.param("org"));
    return Response::no_content();
  });
}

}  // namespace prism::api
