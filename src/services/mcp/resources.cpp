#include "core/error.hpp"
#include "services/mcp/context.hpp"
#include "services/mcp/jsonrpc.hpp"

namespace prism::services::mcp {

namespace {

constexpr std::size_t kMaxResources = 500;
constexpr std::string_view kDocumentPrefix = "prism://documents/";
constexpr std::string_view kProjectPrefix = "prism://projects/";
constexpr std::string_view kBacklogSuffix = "/backlog";

json::object contents(const std::string& uri, const std::string& mime, std::string text) {
  return json::object{
      {"contents",
       json::array{json::object{{"uri", uri}, {"mimeType", mime}, {"text", std::move(text)}}}}};
}

}  // namespace

json::object list_resources(ToolServices& s, const Caller& caller) {
  json::array out;
  for (const auto& org : s.orgs.list_mine(caller.user_id, std::nullopt, 200)) {
    for (const auto& p : s.projects.list(caller.user_id, org.org.id, std::nullopt, 200)) {
      if (out.size() >= kMaxResources) break;
      out.push_back(
          json::object{{"uri", std::string(kProjectPrefix) + p.id + std::string(kBacklogSuffix)},
                       {"name", p.key + " backlog"},
                       {"title", p.name + " — backlog"},
                       {"mimeType", "text/markdown"}});
      DocumentQuery q;
      q.limit = 100;
      auto docs = s.documents.list(caller, p.id, q);
      if (docs.size() > static_cast<std::size_t>(q.limit)) docs.pop_back();
      for (const auto& d : docs) {
        if (out.size() >= kMaxResources) break;
        out.push_back(json::object{{"uri", std::string(kDocumentPrefix) + d.id},
                                   {"name", d.title},
                                   {"title", d.title + " (" + p.key + ", " + d.status + ")"},
                                   {"mimeType", "text/markdown"}});
      }
    }
  }
  return json::object{{"resources", std::move(out)}};
}

json::object resource_templates() {
  return json::object{{"resourceTemplates",
                       json::array{json::object{{"uriTemplate", "prism://documents/{id}"},
                                                {"name", "document"},
                                                {"title", "A PRD's current Markdown"},
                                                {"mimeType", "text/markdown"}},
                                   json::object{{"uriTemplate", "prism://projects/{id}/backlog"},
                                                {"name", "backlog"},
                                                {"title", "A project's stories as Markdown"},
                                                {"mimeType", "text/markdown"}}}}};
}

namespace {

// The resource a URI names, or RpcError(kResourceNotFound).
struct ResourceRef {
  bool document = false;  // else a project's backlog
  std::string id;
};

RpcError not_found_error(const std::string& uri) {
  return RpcError(kResourceNotFound, "Resource not found",
                  json::object{{"uri", uri.substr(0, 300)}});
}

ResourceRef parse_uri(const std::string& uri) {
  ResourceRef ref;
  if (uri.starts_with(kDocumentPrefix)) {
    ref.document = true;
    ref.id = uri.substr(kDocumentPrefix.size());
  } else if (uri.starts_with(kProjectPrefix) && uri.ends_with(kBacklogSuffix) &&
             uri.size() > kProjectPrefix.size() + kBacklogSuffix.size()) {
    ref.id = uri.substr(kProjectPrefix.size(),
                        uri.size() - kProjectPrefix.size() - kBacklogSuffix.size());
  }
  if (ref.id.empty() || ref.id.size() > 100 || ref.id.find('/') != std::string::npos) {
    throw not_found_error(uri);
  }
  return ref;
}

// Runs `fn`; what the caller may not see is "not found", like what does not exist.
template <typename F>
auto as_resource(const std::string& uri, F&& fn) {
  try {
    return fn(parse_uri(uri));
  } catch (const Error& e) {
    if (e.code() == ErrorCode::kNotFound || e.code() == ErrorCode::kForbidden) {
      throw not_found_error(uri);
    }
    throw;
  }
}

}  // namespace

json::object read_resource(ToolServices& s, const Caller& caller, const std::string& uri) {
  return as_resource(uri, [&](const ResourceRef& ref) {
    if (ref.document) {
      return contents(uri, "text/markdown", s.documents.get(caller, ref.id).version.content);
    }
    auto file =
        s.stories.export_stories(caller, ref.id, StoryQuery{}, StoryExportFormat::kMarkdown);
    return contents(uri, "text/markdown", std::move(file.body));
  });
}

void require_readable(ToolServices& s, const Caller& caller, const std::string& uri) {
  as_resource(uri, [&](const ResourceRef& ref) {
    if (ref.document) {
      s.documents.get(caller, ref.id);
    } else {
      s.projects.get(caller.user_id, ref.id);
    }
    return 0;
  });
}

}  // namespace prism::services::mcp
