#include "api/search_routes.hpp"

#include "api/caller.hpp"
#include "core/clock.hpp"
#include "core/json.hpp"

namespace prism::api {

namespace {

using http::Request;
using http::Response;
namespace search = services::search;

json::array segments_json(const std::vector<search::Segment>& segments) {
  json::array out;
  for (const auto& s : segments) out.push_back(json::object{{"text", s.text}, {"match", s.match}});
  return out;
}

json::object result_json(const search::Result& r) {
  const auto& h = r.hit;
  bool story = h.kind == store::search::Hit::Kind::kStory;
  return json::object{
      {"kind", story ? "story" : "document"},
      {"id", h.id},
      {"title", h.title},
      {"key", r.key ? json::value(*r.key) : json::value(nullptr)},
      {"status", h.status},
      {"project",
       json::object{{"id", h.project_id}, {"name", h.project_name}, {"key", h.project_key}}},
      {"matched", r.matched},
      {"title_highlight", segments_json(r.title)},
      {"snippet", segments_json(r.snippet)},
      {"updated_at", rfc3339_ms(h.updated_at)}};
}

}  // namespace

void register_search_routes(http::Router& router, search::SearchService& service) {
  router.add(http::beast_http::verb::get, "/api/v1/orgs/{org}/search", [&service](Request& req) {
    auto q = req.query("q");
    auto limit = req.query("limit");
    auto results = service.search(caller_of(req), req.param("org"), q, limit);
    json::array items;
    for (const auto& r : results.items) items.push_back(result_json(r));
    return Response::json(
        json::object{{"items", std::move(items)}, {"has_more", results.has_more}});
  });
}

}  // namespace prism::api
