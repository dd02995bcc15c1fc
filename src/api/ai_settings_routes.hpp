#pragma once

#include "http/router.hpp"
#include "services/ai_settings/ai_settings_service.hpp"

namespace prism::api {

// /api/v1/orgs/{org}/ai-settings: the organization's own AI provider (bring
// your own key). Members read it, administrators change and test it.
void register_ai_settings_routes(http::Router& router,
                                 services::ai_settings::AiSettingsService& settings);

}  // namespace prism::api
