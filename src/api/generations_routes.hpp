#pragma once

#include <functional>

#include "core/json.hpp"
#include "http/router.hpp"
#include "services/generations/generation_service.hpp"

namespace prism::api {

// The body of GET /ai/providers: the provider registry's description of
// what is configured (ai::ProviderRegistry::describe).
using DescribeProviders = std::function<json::object()>;

void register_generations_routes(http::Router& router,
                                 services::generations::GenerationService& generations,
                                 DescribeProviders describe_providers);

}  // namespace prism::api
