#pragma once

#include "http/router.hpp"
#include "services/documents/lint_service.hpp"

namespace prism::api {

// GET /api/v1/documents/{id}/lint: {score, findings:[{rule, severity, section, message, line?}]}.
void register_lint_routes(http::Router& router, services::LintService& lint);

}  // namespace prism::api
