#pragma once

#include "http/router.hpp"
#include "services/trash/trash_service.hpp"

namespace prism::api {

// GET /api/v1/orgs/{org}/trash and POST /api/v1/documents/{id}/restore.
void register_trash_routes(http::Router& router, services::trash::TrashService& trash);

}  // namespace prism::api
