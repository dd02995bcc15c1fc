#include "api/ai_settings_routes.hpp"

#include "api/caller.hpp"
#include "api/common.hpp"

namespace prism::api {

namespace {

namespace ai_settings = services::ai_settings;

json::value text_or_null(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object settings_json(const ai_settings::SettingsView& v) {
  const auto& e = v.effective;
  return {{"own", v.own},
          {"provider", v.own ? json::value(v.provider) : json::value(nullptr)},
          {"model", v.own ? json::value(v.model) : json::value(nullptr)},
          {"base_url", text_or_null(v.base_url)},
          {"key_set", v.key_set},
          {"key_hint", text_or_null(v.key_hint)},
          {"updated_at", optional_time(v.updated_at)},
          {"updated_by", text_or_null(v.updated_by)},
          {"can_edit", v.can_edit},
          {"effective", json::object{{"provider", e.provider},
                                     {"label", e.label},
                                     {"model", e.model},
                                     {"is_ai", e.is_ai},
                                     {"source", e.source}}}};
}

json::object connection_json(const ai_settings::ConnectionResult& r) {
  json::object out{{"ok", r.ok}, {"latency_ms", r.latency_ms}, {"model", r.model}};
  if (!r.ok) out["error"] = json::object{{"code", r.error_code}, {"message", r.error_message}};
  return out;
}

}  // namespace

void register_ai_settings_routes(http::Router& router,
                                 ai_settings::AiSettingsService& settings) {
  using verb = http::beast_http::verb;
  using http::Request;
  using http::Response;
  constexpr const char* kPath = "/api/v1/orgs/{org}/ai-settings";

  router.add(verb::get, kPath, [&settings](Request& req) {
    return Response::json(settings_json(settings.get(caller_of(req), req.param("org"))));
  });

  router.add(verb::put, kPath, [&settings](Request& req) {
    return Response::json(
        settings_json(settings.put(caller_of(req), req.param("org"), req.json_body())));
  });

  router.add(verb::delete_, kPath, [&settings](Request& req) {
    settings.remove(caller_of(req), req.param("org"));
    return Response::no_content();
  });

  router.add(verb::post, "/api/v1/orgs/{org}/ai-settings/test", [&settings](Request& req) {
    // No body: test the saved settings.
    json::object body = req.raw().body().empty() ? json::object{} : req.json_body();
    return Response::json(connection_json(settings.test(caller_of(req), req.param("org"), body)));
  });

  router.add(verb::get, "/api/v1/orgs/{org}/ai-settings/models", [&settings](Request& req) {
    auto list = settings.models(caller_of(req), req.param("org"));
    json::array items;
    for (auto& id : list.items) items.emplace_back(id);
    json::object body{{"items", std::move(items)}};
    if (list.failure) body["error"] = connection_json(*list.failure).at("error");
    return Response::json(body);
  });
}

}  // namespace prism::api
