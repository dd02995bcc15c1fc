#include "app/application.hpp"

namespace prism::app {

// No provider is compiled in on this branch yet: the registry (providers),
// prompt builders and stories backlog arrive from their own branches and are
// wired here. Until then a generation answers 503 "no AI provider is
// configured" after its access, budget and rate checks.
services::generations::AiHooks Application::generation_hooks() {
  services::generations::AiHooks hooks;
  hooks.find_provider = [](std::string_view) -> ai::Provider* { return nullptr; };
  return hooks;
}

api::ProviderListing Application::provider_listing() {
  return api::ProviderListing{[] { return std::vector<ai::Provider*>{}; },
                              [] { return std::string(); }};
}

}  // namespace prism::app
