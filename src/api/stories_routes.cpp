#include "api/stories_routes.hpp"

#include "api/caller.hpp"
#include "api/common.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "services/stories/stories_export.hpp"

namespace prism::api {

namespace {

using http::Request;
using http::Response;
using services::StoriesService;
using verb = http::beast_http::verb;

std::optional<std::string> filter_param(const Request& req, std::string_view name) {
  auto v = req.query(name);
  if (v && v->empty()) v.reset();
  return v;
}

// ?status=&priority=&document_id=&key=&q= shared by the list and the export.
services::StoryQuery story_query(const Request& req) {
  services::StoryQuery q;
  q.status = filter_param(req, "status");
  q.priority = filter_param(req, "priority");
  q.document_id = filter_param(req, "document_id");
  q.key = filter_param(req, "key");
  q.text = filter_param(req, "q");
  if (q.document_id && !looks_like_id(*q.document_id)) {
    throw validation_failed("document_id", "is not a document id");
  }
  return q;
}

Response list_stories(StoriesService& svc, Request& req) {
  Page page = page_from(req);
  auto q = story_query(req);
  q.limit = page.limit;
  q.cursor = page.cursor;
  json::array items;
  for (const auto& s : svc.list(caller_of(req), req.param("id"), q)) {
    items.push_back(services::story_json(s));
  }
  return Response::json(list_body(std::move(items), page, [](const json::value& v) {
    return std::string(v.at("id").as_string());
  }));
}

Response create_story(StoriesService& svc, Request& req) {
  auto input = services::parse_new_story(req.json_body());
  auto story = svc.create(caller_of(req), req.param("id"), input);
  return Response::json(services::story_json(story), http::Status::created)
      .header("Location", "/api/v1/stories/" + story.id);
}

Response get_story(StoriesService& svc, Request& req) {
  return Response::json(services::story_json(svc.get(caller_of(req), req.param("id"))));
}

Response patch_story(StoriesService& svc, Request& req) {
  auto changes = services::parse_story_changes(req.json_body());
  return Response::json(services::story_json(svc.update(caller_of(req), req.param("id"), changes)));
}

Response delete_story(StoriesService& svc, Request& req) {
  svc.remove(caller_of(req), req.param("id"));
  return Response::no_content();
}

Response export_stories(StoriesService& svc, Request& req) {
  auto name = req.query("format").value_or("csv");
  services::StoryExportFormat format;
  if (name == "csv") {
    format = services::StoryExportFormat::kCsv;
  } else if (name == "md" || name == "markdown") {
    format = services::StoryExportFormat::kMarkdown;
  } else if (name == "json") {
    format = services::StoryExportFormat::kJson;
  } else {
    throw validation_failed("format", "must be one of csv, md, json");
  }
  auto file = svc.export_stories(caller_of(req), req.param("id"), story_query(req), format);
  Response res = Response::text(std::move(file.body), file.content_type);
  res.header("Content-Disposition", "attachment; filename=\"" + file.filename + "\"");
  return res;
}

}  // namespace

void register_stories_routes(http::Router& router, StoriesService& stories) {
  auto bind = [&stories](Response (*fn)(StoriesService&, Request&)) {
    return [&stories, fn](Request& req) { return fn(stories, req); };
  };
  router.add(verb::get, "/api/v1/projects/{id}/stories", bind(list_stories));
  router.add(verb::post, "/api/v1/projects/{id}/stories", bind(create_story));
  router.add(verb::get, "/api/v1/projects/{id}/stories/export", bind(export_stories));
  router.add(verb::get, "/api/v1/stories/{id}", bind(get_story));
  router.add(verb::patch, "/api/v1/stories/{id}", bind(patch_story));
  router.add(verb::delete_, "/api/v1/stories/{id}", bind(delete_story));
}

}  // namespace prism::api
