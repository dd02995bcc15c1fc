#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docs/diff.hpp"
#include "services/access.hpp"
#include "services/caller.hpp"
#include "services/documents/html_renderer.hpp"
#include "store/database.hpp"
#include "store/documents_store.hpp"

namespace prism::services {

// Documents are capped so that every diff, render and export stays cheap.
inline constexpr std::size_t kMaxDocumentBytes = 1024 * 1024;
inline constexpr std::size_t kMaxTitleChars = 200;

// Where a new document's starting text comes from when it names a template.
// Implemented by the templates service (built-in and organization templates).
class TemplateSource {
 public:
  virtual ~TemplateSource() = default;
  // The Markdown a document made from `name` starts with; nullopt when the
  // organization has no such template.
  virtual std::optional<std::string> document_skeleton(store::Tx& tx, std::string_view org_id,
                                                       std::string_view name) = 0;
};

// A document at its current version.
using DocumentState = store::documents::Current;

struct NewDocument {
  std::string title;
  std::optional<std::string> content;
  std::optional<std::string> template_name;
  // A generation that wrote the first version ("prd" generations).
  std::optional<std::string> generation_id;
};

struct DocumentChanges {
  std::optional<std::string> title;
  std::optional<std::string> content;
  std::optional<std::string> status;
};

struct DocumentQuery {
  std::optional<std::string> status;
  std::optional<std::string> q;
  int limit = 50;
  std::optional<std::string> cursor;
};

// One new immutable version, from a person or from a generation.
struct NewVersion {
  std::string title;
  std::string content;
  std::string status;
  std::optional<std::string> author_id;
  std::string source = "human";  // "human" | "ai"
  std::optional<std::string> generation_id;
  std::string summary;
};

struct VersionDiff {
  std::int64_t from = 0;
  std::int64_t to = 0;
  docs::DiffResult diff;
};

enum class ExportFormat { kMarkdown, kHtml, kJson };

struct ExportFile {
  std::string filename;
  std::string content_type;
  std::string body;
};

class DocumentsService {
 public:
  // `html` renders HTML exports once per version; null: each export renders.
  DocumentsService(store::Database& db, TemplateSource* templates = nullptr,
                   HtmlRenderer* html = nullptr);

  DocumentState create(const Caller& caller, std::string_view project_id, const NewDocument& input);
  // The same inside the caller's write transaction.
  DocumentState create(store::Tx& tx, const Caller& caller, std::string_view project_id,
                       const NewDocument& input);
  DocumentState get(const Caller& caller, std::string_view document_id);
  // Newest first; returns up to query.limit + 1 documents so the caller can
  // tell whether another page exists.
  std::vector<store::documents::Document> list(const Caller& caller, std::string_view project_id,
                                               const DocumentQuery& query);
  // Optimistic concurrency: `if_match` is the version the caller edited; any
  // other current version is a 412 version_conflict. Title and content
  // changes make a new version; a status change is checked against the
  // workflow (409) and audited.
  DocumentState update(const Caller& caller, std::string_view document_id, std::int64_t if_match,
                       const DocumentChanges& changes);
  void remove(const Caller& caller, std::string_view document_id,
              std::optional<std::int64_t> if_match);

  // Newest first, without content; up to limit + 1.
  std::vector<store::documents::Version> versions(const Caller& caller,
                                                  std::string_view document_id,
                                                  std::optional<std::int64_t> before, int limit);
  store::documents::Version version(const Caller& caller, std::string_view document_id,
                                    std::int64_t number);
  DocumentState restore(const Caller& caller, std::string_view document_id, std::int64_t number,
                        std::optional<std::int64_t> if_match);
  // Defaults: `to` the current version, `from` the one before it.
  VersionDiff diff(const Caller& caller, std::string_view document_id,
                   std::optional<std::int64_t> from, std::optional<std::int64_t> to);
  ExportFile export_document(const Caller& caller, std::string_view document_id,
                             ExportFormat format);

  // Saves a whole new text as the next version (member role), e.g. an
  // applied AI proposal: `expected_version` guards against edits made since
  // the proposal was based on it (412). An empty v.status keeps the status,
  // an empty v.summary is computed from the change, v.author_id defaults to
  // the caller.
  DocumentState commit_version(const Caller& caller, std::string_view document_id,
                               std::optional<std::int64_t> expected_version, NewVersion v);

  // Inside the caller's write transaction: appends `v` as the next version of
  // `current` if the document is still at current.current_version (412
  // otherwise).
  DocumentState append_version(store::Tx& tx, const store::documents::Document& current,
                               const NewVersion& v);

 private:
  store::Database& db_;
  TemplateSource* templates_;
  HtmlRenderer* html_;
};

// Splits a search text into the words the full-text index knows (letters and
// digits; any other ASCII character separates words), at most 16 of them.
std::vector<std::string> search_words(std::string_view q);

}  // namespace prism::services
