#include "services/documents/documents_service.hpp"

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/json.hpp"
#include "docs/status.hpp"
#include "docs/summary.hpp"
#include "services/audit/audit.hpp"
#include "services/documents/documents_rules.hpp"
#include "store/change_feed.hpp"

namespace prism::services {

namespace docstore = store::documents;

DocumentsService::DocumentsService(store::Database& db, TemplateSource* templates,
                                   HtmlRenderer* html)
    : db_(db), templates_(templates), html_(html) {}

DocumentState DocumentsService::create(const Caller& caller, std::string_view project_id,
                                       const NewDocument& input) {
  (void)checked_title(input.title);  // a bad title is a 422 before anything is looked up
  if (input.content) check_content_size(*input.content);
  return db_.write([&](store::Tx& tx) { return create(tx, caller, project_id, input); });
}

DocumentState DocumentsService::create(store::Tx& tx, const Caller& caller,
                                       std::string_view project_id, const NewDocument& input) {
  std::string title = checked_title(input.title);
  auto project = require_project(tx, caller.user_id, project_id, Role::kMember);
  std::string content = input.content.value_or("");
  std::string summary = "Created";
  if (input.template_name) {
    std::optional<std::string> skeleton;
    if (templates_ != nullptr) {
      skeleton = templates_->document_skeleton(tx, project.org_id, *input.template_name);
    }
    if (!skeleton) throw validation_failed("template", "no template with this name");
    if (!input.content) content = std::move(*skeleton);
    summary = "Created from template " + *input.template_name;
  }
  check_content_size(content);
  std::int64_t now = now_unix_ms();
  DocumentState state;
  state.document = docstore::Document{new_id(),
                                      project.org_id,
                                      project.project_id,
                                      title,
                                      std::string(docs::status_name(docs::Status::kDraft)),
                                      input.template_name.value_or(""),
                                      1,
                                      caller.user_id,
                                      now,
                                      now};
  docstore::insert_document(tx, state.document);
  state.version = docstore::Version{state.document.id,
                                    1,
                                    title,
                                    std::move(content),
                                    caller.user_id,
                                    {},
                                    input.generation_id ? "ai" : "human",
                                    input.generation_id,
                                    summary,
                                    now};
  docstore::insert_version(tx, state.version);
  store::changes::document_list_changed(tx, project.org_id);
  record_audit(tx, {project.org_id, caller.user_id, "document.created", "document",
                    state.document.id, json::object{{"title", title}}, caller.ip});
  return state;
}

DocumentState DocumentsService::get(const Caller& caller, std::string_view document_id) {
  return db_.read([&](store::Tx& tx) {
    return require_current_document(tx, caller.user_id, document_id, Role::kViewer).state;
  });
}

std::vector<docstore::Document> DocumentsService::list(const Caller& caller,
                                                       std::string_view project_id,
                                                       const DocumentQuery& query) {
  docstore::ListFilter filter;
  filter.project_id = std::string(project_id);
  if (query.status) filter.status = std::string(docs::status_name(checked_status(*query.status)));
  if (query.q && !query.q->empty()) {
    filter.words = search_words(*query.q);
    if (filter.words.empty()) throw validation_failed("q", "must contain a letter or digit");
  }
  filter.before_id = query.cursor;
  filter.limit = query.limit + 1;
  return db_.read([&](store::Tx& tx) {
    require_project(tx, caller.user_id, project_id, Role::kViewer);
    return docstore::list_documents(tx, filter);
  });
}

DocumentState DocumentsService::update(const Caller& caller, std::string_view document_id,
                                       std::int64_t if_match, const DocumentChanges& changes) {
  std::optional<std::string> title;
  if (changes.title) title = checked_title(*changes.title);
  if (changes.content) check_content_size(*changes.content);
  std::optional<docs::Status> status;
  if (changes.status) status = checked_status(*changes.status);

  return db_.write([&](store::Tx& tx) {
    auto found = require_current_document(tx, caller.user_id, document_id, Role::kMember);
    const DocumentAccess& access = found.access;
    DocumentState& state = found.state;
    const docstore::Document& doc = state.document;
    check_version(doc, if_match);

    NewVersion next{title.value_or(doc.title),
                    changes.content.value_or(state.version.content),
                    doc.status,
                    caller.user_id,
                    "human",
                    std::nullopt,
                    ""};
    if (status) {
      auto from = docs::parse_status(doc.status).value_or(docs::Status::kDraft);
      check_transition(from, *status);
      if (*status == docs::Status::kApproved && from != docs::Status::kApproved) {
        require_approval_without_review(tx, access.org_id);
      }
      next.status = std::string(docs::status_name(*status));
    }
    bool text_changed = next.title != doc.title || next.content != state.version.content;
    bool status_changed = next.status != doc.status;
    if (!text_changed && !status_changed) return std::move(state);

    DocumentState result;
    if (text_changed) {
      next.summary = change_summary(state, next);
      result = append_version(tx, doc, next);
    } else {
      if (!docstore::update_document(tx, doc.id, doc.current_version, doc.current_version,
                                     doc.title, next.status, now_unix_ms())) {
        throw version_conflict(doc.current_version, if_match);
      }
      result = current_state(tx, document_id);
    }
    if (status_changed) {
      record_audit(tx,
                   {access.org_id, caller.user_id, "document.status_changed", "document", doc.id,
                    json::object{{"from", doc.status}, {"to", next.status}}, caller.ip});
    }
    return result;
  });
}

void DocumentsService::remove(const Caller& caller, std::string_view document_id,
                              std::optional<std::int64_t> if_match) {
  db_.write([&](store::Tx& tx) {
    auto access = require_document(tx, caller.user_id, document_id, Role::kMember);
    auto doc = docstore::find_document(tx, document_id);
    if (!doc) throw not_found("document");
    if (if_match) check_version(*doc, *if_match);
    if (!docstore::soft_delete_document(tx, document_id, caller.user_id, now_unix_ms())) {
      throw not_found("document");
    }
    store::changes::document_list_changed(tx, access.org_id);
    record_audit(tx, {access.org_id, caller.user_id, "document.deleted", "document", doc->id,
                      json::object{{"title", doc->title}}, caller.ip});
  });
}

DocumentState DocumentsService::commit_version(const Caller& caller, std::string_view document_id,
                                               std::optional<std::int64_t> expected_version,
                                               NewVersion v) {
  v.title = checked_title(v.title);
  check_content_size(v.content);
  if (!v.author_id) v.author_id = caller.user_id;
  return db_.write([&](store::Tx& tx) {
    DocumentState state =
        require_current_document(tx, caller.user_id, document_id, Role::kMember).state;
    if (expected_version) check_version(state.document, *expected_version);
    if (v.status.empty()) v.status = state.document.status;
    if (v.summary.empty()) v.summary = change_summary(state, v);
    return append_version(tx, state.document, v);
  });
}

DocumentState DocumentsService::append_version(store::Tx& tx, const docstore::Document& current,
                                               const NewVersion& v) {
  check_content_size(v.content);
  // An empty status keeps the document's own (AI versions never change it).
  std::string status = v.status.empty() ? current.status : v.status;
  // Its approvals were of the old text: a new version goes back to review.
  if (status == "approved" && current.status == "approved") status = "in_review";
  std::int64_t now = now_unix_ms();
  std::int64_t next = current.current_version + 1;
  if (!docstore::update_document(tx, current.id, current.current_version, next, v.title, status,
                                 now)) {
    throw version_conflict(current.current_version, std::nullopt);
  }
  DocumentState state{current, docstore::Version{current.id,
                                                 next,
                                                 v.title,
                                                 v.content,
                                                 v.author_id,
                                                 {},
                                                 v.source,
                                                 v.generation_id,
                                                 v.summary,
                                                 now}};
  docstore::insert_version(tx, state.version);
  store::changes::document_changed(tx, current.org_id, current.id);
  state.document.current_version = next;
  state.document.title = v.title;
  state.document.status = status;
  state.document.updated_at = now;
  if (auto stored = docstore::find_version(tx, current.id, next)) {
    state.version.author_name = stored->author_name;
  }
  return state;
}

std::vector<std::string> search_words(std::string_view q) {
  constexpr std::size_t kMaxWords = 16;
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && words.size() < kMaxWords) words.push_back(word);
    word.clear();
  };
  for (char ch : q) {
    auto c = static_cast<unsigned char>(ch);
    bool word_char =
        c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (word_char) {
      word.push_back(ch);
    } else {
      flush();
    }
  }
  flush();
  return words;
}

}  // namespace prism::services
