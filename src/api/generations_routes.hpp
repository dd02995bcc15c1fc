#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ai/provider.hpp"
#include "http/router.hpp"
#include "services/generations/generation_service.hpp"

namespace prism::api {

// What GET /ai/providers lists: every configured provider and the default's name.
struct ProviderListing {
  std::function<std::vector<ai::Provider*>()> all;
  std::function<std::string()> default_name;
};

void register_generations_routes(http::Router& router,
                                 services::generations::GenerationService& generations,
                                 ProviderListing providers);

}  // namespace prism::api
