#include "api/documents_routes.hpp"

#include <charconv>

#include "api/common.hpp"
#include "api/documents_json.hpp"
#include "core/error.hpp"

namespace prism::api {

namespace {

using http::Request;
using http::Response;
using services::DocumentsService;
using verb = http::beast_http::verb;

constexpr std::size_t kMaxQueryChars = 200;

services::Caller caller_of(const Request& req) {
  return {req.principal().user_id, req.client_ip()};
}

std::optional<std::int64_t> parse_positive(std::string_view text) {
  std::int64_t n = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || ptr != text.data() + text.size() || n < 1) return std::nullopt;
  return n;
}

// A version number in the path: anything else names no version.
std::int64_t version_param(const Request& req) {
  auto n = parse_positive(req.param("n"));
  if (!n) throw not_found("version");
  return *n;
}

std::optional<std::int64_t> version_query(const Request& req, std::string_view name) {
  auto text = req.query(name);
  if (!text || text->empty()) return std::nullopt;
  auto n = parse_positive(*text);
  if (!n) throw validation_failed(std::string(name), "must be a version number (1, 2, …)");
  return n;
}

// If-Match is optional on delete and restore; when sent it must be current.
std::optional<std::int64_t> optional_if_match(const Request& req) {
  if (req.header("If-Match").empty()) return std::nullopt;
  return required_if_match(req);
}

// Fields that may be left out but not sent as null.
void reject_nulls(JsonReader& r, std::initializer_list<std::string_view> fields) {
  for (auto f : fields) {
    if (r.is_null(f)) r.add_error(f, "must not be null");
  }
}

// What the document routes share: the service, and the JSON text of the
// versions they answered with (kept for as long as the routes).
struct Documents {
  explicit Documents(DocumentsService& service) : svc(service) {}
  DocumentsService& svc;
  VersionTextCache texts;
};

Response with_document(Documents& docs, const services::DocumentState& s,
                       http::Status status = http::Status::ok) {
  return Response::text(document_json(s, docs.texts), "application/json", status)
      .header("ETag", version_etag(s.document.current_version));
}

Response list_documents(Documents& docs, Request& req) {
  Page page = page_from(req);
  services::DocumentQuery q;
  q.status = req.query("status");
  if (q.status && q.status->empty()) q.status.reset();
  q.q = req.query("q");
  if (q.q && utf8_length(*q.q).value_or(kMaxQueryChars + 1) > kMaxQueryChars) {
    throw validation_failed("q", "must be valid UTF-8 of at most 200 characters");
  }
  q.limit = page.limit;
  q.cursor = page.cursor;
  json::array items;
  for (const auto& d : docs.svc.list(caller_of(req), req.param("id"), q)) {
    items.push_back(document_summary_json(d));
  }
  return Response::json(list_body(std::move(items), page, [](const json::value& v) {
    return std::string(v.at("id").as_string());
  }));
}

Response create_document(Documents& docs, Request& req) {
  auto body = req.json_body();
  JsonReader r(body);
  reject_nulls(r, {"content", "template"});
  services::NewDocument input;
  input.title = r.required_string("title", 1, services::kMaxTitleChars);
  input.content = r.optional_string("content", 0, services::kMaxDocumentBytes * 4);
  input.template_name = r.optional_string("template", 1, 100);
  r.finish();
  auto state = docs.svc.create(caller_of(req), req.param("id"), input);
  return with_document(docs, state, http::Status::created)
      .header("Location", "/api/v1/documents/" + state.document.id);
}

Response get_document(Documents& docs, Request& req) {
  auto state = docs.svc.get(caller_of(req), req.param("id"));
  std::string etag = version_etag(state.document.current_version);
  if (req.header("If-None-Match") == etag) {
    return Response::text("", "", http::Status::not_modified).header("ETag", etag);
  }
  return with_document(docs, state);
}

Response patch_document(Documents& docs, Request& req) {
  std::int64_t if_match = required_if_match(req);
  auto body = req.json_body();
  JsonReader r(body);
  reject_nulls(r, {"title", "content", "status"});
  services::DocumentChanges changes;
  changes.title = r.optional_string("title", 1, services::kMaxTitleChars);
  changes.content = r.optional_string("content", 0, services::kMaxDocumentBytes * 4);
  changes.status = r.optional_string("status", 1, 40);
  if (r.ok() && !changes.title && !changes.content && !changes.status) {
    r.add_error("", "send at least one of title, content, status");
  }
  r.finish();
  auto state = docs.svc.update(caller_of(req), req.param("id"), if_match, changes);
  return with_document(docs, state);
}

Response delete_document(Documents& docs, Request& req) {
  docs.svc.remove(caller_of(req), req.param("id"), optional_if_match(req));
  return Response::no_content();
}

Response list_versions(Documents& docs, Request& req) {
  int limit = page_limit(req);
  auto before = version_query(req, "cursor");
  json::array items;
  for (const auto& v : docs.svc.versions(caller_of(req), req.param("id"), before, limit)) {
    items.push_back(version_json(v, false));
  }
  json::value next = nullptr;
  if (items.size() > static_cast<std::size_t>(limit)) {
    items.resize(static_cast<std::size_t>(limit));
    next = json::string(std::to_string(items.back().at("version").as_int64()));
  }
  return Response::json(json::object{{"items", std::move(items)}, {"next_cursor", next}});
}

Response get_version(Documents& docs, Request& req) {
  auto v = docs.svc.version(caller_of(req), req.param("id"), version_param(req));
  return Response::json(version_json(v, true));
}

Response restore_version(Documents& docs, Request& req) {
  auto state =
      docs.svc.restore(caller_of(req), req.param("id"), version_param(req), optional_if_match(req));
  return with_document(docs, state);
}

Response diff_versions(Documents& docs, Request& req) {
  auto from = version_query(req, "from");
  auto to = version_query(req, "to");
  return Response::json(diff_json(docs.svc.diff(caller_of(req), req.param("id"), from, to)));
}

Response export_document(Documents& docs, Request& req) {
  auto format_name = req.query("format").value_or("md");
  services::ExportFormat format;
  if (format_name == "md" || format_name == "markdown") {
    format = services::ExportFormat::kMarkdown;
  } else if (format_name == "html") {
    format = services::ExportFormat::kHtml;
  } else if (format_name == "json") {
    format = services::ExportFormat::kJson;
  } else {
    throw validation_failed("format", "must be one of md, html, json");
  }
  auto file = docs.svc.export_document(caller_of(req), req.param("id"), format);
  Response res = Response::text(std::move(file.body), file.content_type);
  res.header("Content-Disposition", "attachment; filename=\"" + file.filename + "\"");
  // The standalone HTML page styles itself inline and runs no script.
  if (format == services::ExportFormat::kHtml) {
    res.header("Content-Security-Policy",
               "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; "
               "frame-ancestors 'none'");
  }
  return res;
}

}  // namespace

void register_document_routes(http::Router& router, DocumentsService& documents) {
  auto docs = std::make_shared<Documents>(documents);
  auto bind = [docs](Response (*fn)(Documents&, Request&)) {
    return [docs, fn](Request& req) { return fn(*docs, req); };
  };
  router.add(verb::get, "/api/v1/projects/{id}/documents", bind(list_documents));
  // A document may hold 1 MiB of Markdown; JSON escaping can grow it, so its
  // write routes accept more than the server-wide body limit.
  constexpr std::size_t kDocumentBodyLimit = 4 * 1024 * 1024;
  router.add(verb::post, "/api/v1/projects/{id}/documents", bind(create_document)).max_body_bytes =
      kDocumentBodyLimit;
  router.add(verb::get, "/api/v1/documents/{id}", bind(get_document));
  router.add(verb::patch, "/api/v1/documents/{id}", bind(patch_document)).max_body_bytes =
      kDocumentBodyLimit;
  router.add(verb::delete_, "/api/v1/documents/{id}", bind(delete_document));
  router.add(verb::get, "/api/v1/documents/{id}/versions", bind(list_versions));
  router.add(verb::get, "/api/v1/documents/{id}/versions/{n}", bind(get_version));
  router.add(verb::post, "/api/v1/documents/{id}/versions/{n}/restore", bind(restore_version));
  router.add(verb::get, "/api/v1/documents/{id}/diff", bind(diff_versions));
  router.add(verb::get, "/api/v1/documents/{id}/export", bind(export_document));
}

}  // namespace prism::api
