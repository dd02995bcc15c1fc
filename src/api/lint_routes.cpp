#include "api/lint_routes.hpp"

namespace prism::api {

void register_lint_routes(http::Router& router, services::LintService& lint) {
  router.add(http::beast_http::verb::get, "/api/v1/documents/{id}/lint",
             [&lint](http::Request& req) {
               return http::Response::json(
                   services::lint_report_json(lint.lint(req.principal().user_id, req.param("id"))));
             });
}

}  // namespace prism::api
