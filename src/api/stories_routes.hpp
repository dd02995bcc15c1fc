#pragma once

#include "http/router.hpp"
#include "services/stories/stories_service.hpp"

namespace prism::api {

// /api/v1/projects/{id}/stories (list, create, export) and /api/v1/stories/{id}.
void register_stories_routes(http::Router& router, services::StoriesService& stories);

}  // namespace prism::api
