#include "api/projects_routes.hpp"

#include "api/caller.hpp"
#include "api/common.hpp"
#include "api/orgs_json.hpp"

namespace prism::api {

void register_projects_routes(http::Router& router, services::ProjectsService& projects) {
  using verb = http::beast_http::verb;
  using http::Request;
  using http::Response;

  router.add(verb::get, "/api/v1/orgs/{org}/projects", [&projects](Request& req) {
    Page page = page_from(req);
    auto items = projects.list(req.principal().user_id, req.param("org"), page.cursor, page.limit);
    return Response::json(list_body(json_array(items, project_json), page, cursor_field("id")));
  });

  router.add(verb::post, "/api/v1/orgs/{org}/projects", [&projects](Request& req) {
    auto input = services::parse_create_project(req.json_body());
    auto project = projects.create(caller_of(req), req.param("org"), input);
    return Response::json(project_json(project), http::Status::created)
        .header("Location", "/api/v1/projects/" + project.id);
  });

  router.add(verb::get, "/api/v1/projects/{id}", [&projects](Request& req) {
    return Response::json(project_json(projects.get(req.principal().user_id, req.param("id"))));
  });

  router.add(verb::patch, "/api/v1/projects/{id}", [&projects](Request& req) {
    auto input = services::parse_update_project(req.json_body());
    return Response::json(project_json(projects.update(caller_of(req), req.param("id"), input)));
  });

  router.add(verb::delete_, "/api/v1/projects/{id}", [&projects](Request& req) {
    projects.remove(caller_of(req), req.param("id"));
    return Response::no_content();
  });
}

}  // namespace prism::api
