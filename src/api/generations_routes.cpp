#include "api/generations_routes.hpp"

#include <charconv>

#include "api/caller.hpp"
#include "api/common.hpp"
#include "api/generations_json.hpp"
#include "api/orgs_json.hpp"
#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"

namespace prism::api {

namespace {

constexpr std::int64_t kDayMs = 86400000;
constexpr std::int64_t kMaxUsageDays = 366;

// Last-Event-ID as the browser sends it on reconnect, or ?last_event_id=
// for the first connection (EventSource cannot set headers).
std::int64_t last_event_id(const http::Request& req) {
  std::string text(req.header("Last-Event-ID"));
  if (text.empty()) text = req.query("last_event_id").value_or("");
  if (text.empty()) return 0;
  std::int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id < 0) {
    throw Error(ErrorCode::kBadRequest, "Last-Event-ID must be a non-negative integer");
  }
  return id;
}

std::int64_t day_param(const http::Request& req, const char* name, std::int64_t fallback) {
  auto text = req.query(name);
  if (!text) return fallback;
  auto day = parse_day(*text);
  if (!day) throw validation_failed(name, "must be a date YYYY-MM-DD");
  return *day;
}

}  // namespace

void register_generations_routes(http::Router& router,
                                 services::generations::GenerationService& generations,
                                 DescribeProviders describe_providers) {
  using verb = http::beast_http::verb;
  using http::Request;
  using http::Response;

  router.add(verb::get, "/api/v1/ai/providers", [describe_providers](Request& req) {
    req.principal();  // any signed-in user
    return Response::json(describe_providers());
  });

  router.add(verb::post, "/api/v1/projects/{id}/generations", [&generations](Request& req) {
    auto started = generations.start(caller_of(req), req.param("id"), req.json_body());
    return Response::json(
               json::object{
                   {"id", started.id}, {"status", started.status}, {"cached", started.cached}},
               http::Status::accepted)
        .header("Location", "/api/v1/generations/" + started.id);
  });

  router.add(verb::get, "/api/v1/projects/{id}/generations", [&generations](Request& req) {
    Page page = page_from(req);
    auto items = generations.list(caller_of(req), req.param("id"), page.cursor, page.limit);
    return Response::json(
        list_body(json_array(items, generation_summary_json), page, cursor_field("id")));
  });

  router.add(verb::get, "/api/v1/generations/{id}", [&generations](Request& req) {
    return Response::json(generation_json(generations.get(caller_of(req), req.param("id"))));
  });

  router.add(verb::get, "/api/v1/generations/{id}/events", [&generations](Request& req) {
    return Response::event_stream(
        generations.events(caller_of(req), req.param("id"), last_event_id(req)));
  });

  router.add(verb::post, "/api/v1/generations/{id}/cancel", [&generations](Request& req) {
    return Response::json(generation_json(generations.cancel(caller_of(req), req.param("id"))));
  });

  router.add(verb::post, "/api/v1/generations/{id}/apply", [&generations](Request& req) {
    // No body: apply everything the generation proposed.
    json::object body = req.raw().body().empty() ? json::object{} : req.json_body();
    return Response::json(generations.apply(caller_of(req), req.param("id"), body));
  });

  router.add(verb::get, "/api/v1/orgs/{org}/usage", [&generations](Request& req) {
    auto month = month_of(now_unix_ms());
    std::int64_t from = day_param(req, "from", month.from_ms);
    // `to` names the last day included.
    std::int64_t to = req.query("to") ? day_param(req, "to", 0) + kDayMs : month.to_ms;
    if (to - from > kMaxUsageDays * kDayMs) {
      throw validation_failed("to", "the period is at most 366 days");
    }
    return Response::json(
        usage_json(generations.usage(caller_of(req), req.param("org"), from, to)));
  });
}

}  // namespace prism::api
