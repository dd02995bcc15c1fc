#include "services/documents/documents_rules.hpp"

#include "core/json.hpp"
#include "docs/sections.hpp"
#include "docs/summary.hpp"
#include "store/orgs_store.hpp"

namespace prism::services {

namespace docstore = store::documents;

std::string checked_title(std::string_view title) {
  auto begin = title.find_first_not_of(" \t");
  auto end = title.find_last_not_of(" \t");
  std::string_view t = begin == std::string_view::npos ? "" : title.substr(begin, end - begin + 1);
  if (t.empty()) throw validation_failed("title", "must not be empty");
  for (char c : t) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      throw validation_failed("title", "must be a single line without control characters");
    }
  }
  auto length = utf8_length(t);
  if (!length) throw validation_failed("title", "must be valid UTF-8");
  if (*length > kMaxTitleChars) {
    throw validation_failed("title",
                            "must be at most " + std::to_string(kMaxTitleChars) + " characters");
  }
  return std::string(t);
}

void check_content_size(std::string_view content) {
  if (content.size() > kMaxDocumentBytes) {
    Error e(ErrorCode::kPayloadTooLarge, "content must be at most 1 MiB (1048576 bytes)");
    e.machine_code = "document_too_large";
    throw e;
  }
}

void require_approval_without_review(store::Tx& tx, std::string_view org_id) {
  auto org = store::orgs::find_org(tx, org_id);
  if (org && org->required_approvals == 0) return;
  throw Error(ErrorCode::kConflict,
              "a document is approved by its reviewers: request a review, and it becomes "
              "approved once enough reviewers approve it")
      .with_machine_code("approval_required");
}

docs::Status checked_status(std::string_view name) {
  auto status = docs::parse_status(name);
  if (!status) throw validation_failed("status", "must be one of " + docs::status_names());
  return *status;
}

void check_transition(docs::Status from, docs::Status to) {
  if (docs::status_transition_allowed(from, to)) return;
  std::string allowed;
  for (auto s : docs::next_statuses(from)) {
    if (!allowed.empty()) allowed += ", ";
    allowed += docs::status_name(s);
  }
  Error e(ErrorCode::kConflict,
          "a document cannot move from " + std::string(docs::status_name(from)) + " to " +
              std::string(docs::status_name(to)) + " (allowed: " + allowed + ")");
  e.machine_code = "invalid_status_transition";
  throw e;
}

Error version_conflict(std::int64_t current, std::optional<std::int64_t> sent) {
  std::string msg = sent ? "you edited version " + std::to_string(*sent) + " but the document is "
                         : "the document is ";
  msg += "at version " + std::to_string(current) + " now; reload it and apply your change again";
  Error e(ErrorCode::kPreconditionFailed, msg);
  e.machine_code = "version_conflict";
  return e;
}

void check_version(const docstore::Document& doc, std::int64_t if_match) {
  if (doc.current_version != if_match) throw version_conflict(doc.current_version, if_match);
}

DocumentState current_state(store::Tx& tx, std::string_view document_id) {
  auto current = docstore::find_current(tx, document_id);
  if (!current) {
    // Not live, or (a broken database) live without its current version.
    if (docstore::find_document(tx, document_id)) {
      throw Error(ErrorCode::kInternal, "internal error",
                  "document " + std::string(document_id) + " lacks its current version");
    }
    throw not_found("document");
  }
  return std::move(*current);
}

docstore::Version existing_version(store::Tx& tx, std::string_view document_id,
                                   std::int64_t number) {
  auto v = docstore::find_version(tx, document_id, number);
  if (!v) throw not_found("version " + std::to_string(number));
  return std::move(*v);
}

std::string change_summary(const DocumentState& before, const NewVersion& after) {
  std::string out;
  if (after.title != before.document.title) out = "Renamed to \u201c" + after.title + "\u201d";
  if (after.content != before.version.content) {
    std::string content = docs::summarize_change(before.version.content, after.content);
    if (!out.empty()) {
      out += "; ";
      if (content[0] >= 'A' && content[0] <= 'Z') content[0] = static_cast<char>(content[0] + 32);
    }
    out += content;
  }
  return out;
}

std::string file_stem(std::string_view title) {
  std::string stem;
  for (char c : docs::slugify(title)) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && (stem.empty() ? c != '-' : true)) stem.push_back(c);
  }
  while (!stem.empty() && stem.back() == '-') stem.pop_back();
  if (stem.size() > 80) stem.resize(80);
  return stem.empty() ? "document" : stem;
}

}  // namespace prism::services
