#include "api/trash_routes.hpp"

#include "api/caller.hpp"
#include "api/common.hpp"
#include "api/documents_json.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"

namespace prism::api {

namespace {

using http::Request;
using http::Response;
namespace trash = services::trash;

json::object trashed_json(const trash::TrashItem& item) {
  const auto& d = item.document;
  json::value deleted_by = nullptr;
  if (d.deleted_by) {
    deleted_by = json::object{{"id", *d.deleted_by},
                              {"name", d.deleted_by_name.empty() ? json::value(nullptr)
                                                                 : json::value(d.deleted_by_name)}};
  }
  return json::object{
      {"id", d.id},
      {"title", d.title},
      {"status", d.status},
      {"version", d.current_version},
      {"project",
       json::object{{"id", d.project_id}, {"name", d.project_name}, {"key", d.project_key}}},
      {"deleted_by", std::move(deleted_by)},
      {"deleted_at", rfc3339_ms(d.deleted_at)},
      {"purge_at", rfc3339_ms(item.purge_at)},
      {"share_links", d.share_links},
      {"can_restore", item.can_restore}};
}

// ?cursor= is the previous page's next_cursor, "<deleted_at>.<id>".
std::optional<trash::Position> trash_cursor(const Request& req) {
  auto text = req.query("cursor");
  if (!text || text->empty()) return std::nullopt;
  auto p = trash::decode_cursor(*text);
  if (!p) throw validation_failed("cursor", "is not a valid cursor");
  return p;
}

}  // namespace

void register_trash_routes(http::Router& router, trash::TrashService& service) {
  using verb = http::beast_http::verb;

  router.add(verb::get, "/api/v1/orgs/{org}/trash", [&service](Request& req) {
    int limit = page_limit(req);
    auto items = service.list(caller_of(req), req.param("org"), trash_cursor(req), limit);
    json::value next = nullptr;
    if (items.size() > static_cast<std::size_t>(limit)) {
      items.resize(static_cast<std::size_t>(limit));
      const auto& last = items.back().document;
      next = json::string(trash::encode_cursor({last.deleted_at, last.id}));
    }
    json::array out;
    for (const auto& item : items) out.push_back(trashed_json(item));
    return Response::json(json::object{{"items", std::move(out)},
                                       {"next_cursor", std::move(next)},
                                       {"retention_days", service.retention_days()}});
  });

  router.add(verb::post, "/api/v1/documents/{id}/restore", [&service](Request& req) {
    auto restored = service.restore(caller_of(req), req.param("id"));
    return Response::json(json::object{{"document", document_summary_json(restored.document)},
                                       {"share_links", restored.share_links}});
  });
}

}  // namespace prism::api
