#pragma once

#include "http/router.hpp"
#include "services/search/search_service.hpp"

namespace prism::api {

// GET /api/v1/orgs/{org}/search?q=&limit=.
void register_search_routes(http::Router& router, services::search::SearchService& search);

}  // namespace prism::api
