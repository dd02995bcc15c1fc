// Versions, restore, diff and export: the DocumentsService members that work
// on a document's history.

#include "core/clock.hpp"
#include "core/json.hpp"
#include "docs/render.hpp"
#include "docs/sections.hpp"
#include "services/documents/documents_rules.hpp"
#include "services/documents/documents_service.hpp"

namespace prism::services {

namespace docstore = store::documents;

std::vector<docstore::Version> DocumentsService::versions(const Caller& caller,
                                                          std::string_view document_id,
                                                          std::optional<std::int64_t> before,
                                                          int limit) {
  return db_.read([&](store::Tx& tx) {
    require_document(tx, caller.user_id, document_id, Role::kViewer);
    return docstore::list_versions(tx, document_id, before, limit + 1);
  });
}

docstore::Version DocumentsService::version(const Caller& caller, std::string_view document_id,
                                            std::int64_t number) {
  return db_.read([&](store::Tx& tx) {
    require_document(tx, caller.user_id, document_id, Role::kViewer);
    return existing_version(tx, document_id, number);
  });
}

DocumentState DocumentsService::restore(const Caller& caller, std::string_view document_id,
                                        std::int64_t number, std::optional<std::int64_t> if_match) {
  return db_.write([&](store::Tx& tx) {
    DocumentState state =
        require_current_document(tx, caller.user_id, document_id, Role::kMember).state;
    if (if_match) check_version(state.document, *if_match);
    auto old = existing_version(tx, document_id, number);
    NewVersion next{old.title,
                    old.content,
                    state.document.status,
                    caller.user_id,
                    "human",
                    std::nullopt,
                    "Restored version " + std::to_string(number)};
    return append_version(tx, state.document, next);
  });
}

VersionDiff DocumentsService::diff(const Caller& caller, std::string_view document_id,
                                   std::optional<std::int64_t> from,
                                   std::optional<std::int64_t> to) {
  auto [old_version, new_version] = db_.read([&](store::Tx& tx) {
    require_document(tx, caller.user_id, document_id, Role::kViewer);
    auto doc = docstore::find_document(tx, document_id);
    if (!doc) throw not_found("document");
    std::int64_t t = to.value_or(doc->current_version);
    std::int64_t f = from.value_or(std::max<std::int64_t>(1, t - 1));
    return std::pair{existing_version(tx, document_id, f), existing_version(tx, document_id, t)};
  });
  // Diffing is CPU work on up to 2 MiB of text: done after the read
  // transaction has ended so no connection is held meanwhile.
  VersionDiff out;
  out.from = old_version.version;
  out.to = new_version.version;
  out.diff = docs::diff_documents(old_version.content, new_version.content,
                                  static_cast<int>(out.from), static_cast<int>(out.to));
  return out;
}

ExportFile DocumentsService::export_document(const Caller& caller, std::string_view document_id,
                                             ExportFormat format) {
  DocumentState state = db_.read([&](store::Tx& tx) {
    return require_current_document(tx, caller.user_id, document_id, Role::kViewer).state;
  });
  const auto& doc = state.document;
  std::string stem = file_stem(doc.title);
  switch (format) {
    case ExportFormat::kMarkdown:
      return {stem + ".md", "text/markdown; charset=utf-8", state.version.content};
    case ExportFormat::kHtml: {
      // The Markdown is rendered once per version (the same HTML a share
      // link shows); only the page around it is made per request.
      auto fragment = render_version(html_, doc.id, state.version.version, state.version.content);
      return {stem + ".html", "text/html; charset=utf-8",
              docs::wrap_html_document(doc.title, *fragment)};
    }
    case ExportFormat::kJson:
      break;
  }
  json::array sections;
  for (const auto& s : docs::parse_sections(state.version.content)) {
    sections.push_back(json::object{{"title", s.title}, {"slug", s.slug}});
  }
  json::object body{{"id", doc.id},
                    {"project_id", doc.project_id},
                    {"title", doc.title},
                    {"status", doc.status},
                    {"template", doc.template_name},
                    {"version", doc.current_version},
                    {"content", state.version.content},
                    {"sections", std::move(sections)},
                    {"created_at", rfc3339_ms(doc.created_at)},
                    {"updated_at", rfc3339_ms(doc.updated_at)},
                    {"exported_at", rfc3339_ms(now_unix_ms())}};
  return {stem + ".json", "application/json", json::serialize(body)};
}

}  // namespace prism::services
