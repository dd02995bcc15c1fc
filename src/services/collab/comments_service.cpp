#include "services/collab/comments_service.hpp"

#include <algorithm>
#include <map>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "docs/sections.hpp"
#include "services/access.hpp"
#include "services/audit/audit.hpp"
#include "services/collab/mentions.hpp"
#include "services/collab/participation.hpp"
#include "store/orgs_store.hpp"

namespace prism::services::collab {

namespace comments = store::comments;

namespace {

// Whether the anchored text changed since the thread was started: the quote
// is gone from its section, or (without a quote) the section's text differs,
// or the section itself is gone.
bool is_outdated(const comments::Comment& c, const std::vector<docs::Section>& sections) {
  if (!c.section) return false;
  const docs::Section* s = docs::find_section(sections, *c.section);
  if (s == nullptr || (c.section->empty() != s->title.empty())) return true;
  if (c.quote) return s->body.find(*c.quote) == std::string::npos;
  return c.anchor_hash && crypto::sha256_hex(s->body) != *c.anchor_hash;
}

// The mentioned people, each checked to be a member of the organization.
std::vector<std::string> checked_mentions(store::Tx& tx, const std::string& org_id,
                                          const std::string& body) {
  auto ids = mentioned_ids(body);
  for (const auto& id : ids) {
    if (!store::orgs::find_member(tx, org_id, id)) {
      throw validation_failed("body", "mentions someone who is not a member of this organization");
    }
  }
  return ids;
}

// The comment with its access, for changes: the document must be readable.
struct Found {
  comments::Comment comment;
  DocumentAccess access;
};

Found find_live(store::Tx& tx, const Caller& caller, std::string_view id) {
  auto c = comments::find(tx, id);
  if (!c || c->deleted_at) throw not_found("comment");
  try {
    auto access = require_document(tx, caller.user_id, c->document_id, Role::kViewer);
    return Found{std::move(*c), std::move(access)};
  } catch (const Error& e) {
    if (e.code() == ErrorCode::kNotFound) throw not_found("comment");
    throw;
  }
}

std::optional<std::string> name_of(store::Tx& tx, const std::optional<std::string>& user_id) {
  if (!user_id) return std::nullopt;
  auto contact = store::orgs::user_contact(tx, *user_id);
  if (!contact) return std::nullopt;
  return contact->name.empty() ? contact->email : contact->name;
}

CommentView view_of(store::Tx& tx, comments::Comment c,
                    const std::vector<docs::Section>& sections) {
  CommentView v;
  v.outdated = !c.parent_id && is_outdated(c, sections);
  v.resolved_by_name = name_of(tx, c.resolved_by);
  v.comment = std::move(c);
  return v;
}

}  // namespace

CommentsList CommentsService::list(const Caller& caller, std::string_view document_id) {
  return db_.read([&](store::Tx& tx) {
    auto found = require_current_document(tx, caller.user_id, document_id, Role::kViewer);
    auto sections = docs::parse_sections(found.state.version.content);
    CommentsList out;
    out.can_comment = takes_part(tx, found.access);
    std::map<std::string, std::size_t> thread_at;
    std::vector<comments::Comment> replies;
    for (auto& c : comments::list_for_document(tx, document_id)) {
      if (c.parent_id) {
        replies.push_back(std::move(c));
        continue;
      }
      thread_at[c.id] = out.threads.size();
      out.threads.push_back(view_of(tx, std::move(c), sections));
    }
    for (auto& r : replies) {
      auto it = thread_at.find(*r.parent_id);
      if (it == thread_at.end() || r.deleted_at) continue;
      out.threads[it->second].replies.push_back(std::move(r));
    }
    // A deleted first comment keeps its thread while it has replies.
    std::erase_if(out.threads, [](CommentView& t) {
      if (!t.comment.deleted_at) return false;
      t.deleted = true;
      t.comment.body.clear();
      t.comment.quote.reset();
      return t.replies.empty();
    });
    return out;
  });
}

CommentView CommentsService::create(const Caller& caller, std::string_view document_id,
                                    const json::object& body) {
  Outbox outbox;
  auto view = db_.write([&](store::Tx& tx) {
    outbox.clear();
    auto found = require_current_document(tx, caller.user_id, document_id, Role::kViewer);
    require_participant(tx, found.access);
    NewComment input = parse_new_comment(body);
    if (comments::count_for_document(tx, document_id) >= kMaxCommentsPerDocument) {
      throw conflict("this document has too many comments; resolve and delete old threads first");
    }
    auto mentions = checked_mentions(tx, found.access.org_id, input.body);
    auto sections = docs::parse_sections(found.state.version.content);
    comments::Comment c;
    c.id = new_id();
    c.org_id = found.access.org_id;
    c.document_id = std::string(document_id);
    c.author_id = caller.user_id;
    c.body = input.body;
    c.anchor_version = found.state.document.current_version;
    c.created_at = now_unix_ms();
    std::optional<comments::Comment> thread;
    if (input.parent_id) {
      thread = comments::find(tx, *input.parent_id);
      if (!thread || thread->document_id != document_id || thread->deleted_at) {
        throw validation_failed("parent_id", "no such comment thread on this document");
      }
      // A reply to a reply joins the thread.
      if (thread->parent_id) thread = comments::find(tx, *thread->parent_id);
      if (!thread) throw validation_failed("parent_id", "no such comment thread on this document");
      c.parent_id = thread->id;
    } else if (input.section) {
      const docs::Section* s = docs::find_section(sections, *input.section);
      if (s == nullptr) throw validation_failed("section", "the document has no such section");
      if (input.quote && s->body.find(*input.quote) == std::string::npos) {
        throw validation_failed("quote", "must be text of that section as it is now");
      }
      c.section = s->title;
      c.quote = input.quote;
      c.anchor_hash = crypto::sha256_hex(s->body);
    }
    comments::insert(tx, c);
    record_audit(tx, AuditEntry{c.org_id, caller.user_id, "comment.created", "comment", c.id,
                                json::object{{"document_id", c.document_id}}, caller.ip});
    std::string excerpt_text = excerpt(c.body);
    for (const auto& id : mentions) {
      notifier_.add(tx,
                    Event{id, c.org_id, "mention", caller.user_id, c.document_id, c.id,
                          std::nullopt, excerpt_text},
                    outbox);
    }
    if (thread) {
      for (const auto& id : comments::thread_participants(tx, thread->id)) {
        if (std::find(mentions.begin(), mentions.end(), id) != mentions.end()) continue;
        notifier_.add(tx,
                      Event{id, c.org_id, "reply", caller.user_id, c.document_id, c.id,
                            std::nullopt, excerpt_text},
                      outbox);
      }
    }
    auto stored = comments::find(tx, c.id);
    return view_of(tx, std::move(*stored), sections);
  });
  notifier_.send(std::move(outbox));
  return view;
}

CommentView CommentsService::update(const Caller& caller, std::string_view comment_id,
                                    const json::object& body) {
  Outbox outbox;
  auto view = db_.write([&](store::Tx& tx) {
    outbox.clear();
    auto [c, access] = find_live(tx, caller, comment_id);
    CommentChanges changes = parse_comment_changes(body);
    std::int64_t now = now_unix_ms();
    if (changes.body && *changes.body != c.body) {
      if (c.author_id != caller.user_id) throw forbidden("only its author can edit a comment");
      require_participant(tx, access);
      auto before = mentioned_ids(c.body);
      auto mentions = checked_mentions(tx, access.org_id, *changes.body);
      comments::update_body(tx, c.id, *changes.body, now);
      // Only the people newly mentioned by the edit are told.
      for (const auto& id : mentions) {
        if (std::find(before.begin(), before.end(), id) != before.end()) continue;
        notifier_.add(tx,
                      Event{id, access.org_id, "mention", caller.user_id, c.document_id, c.id,
                            std::nullopt, excerpt(*changes.body)},
                      outbox);
      }
    }
    if (changes.resolved && *changes.resolved != c.resolved_at.has_value()) {
      if (c.parent_id) throw validation_failed("resolved", "resolve the thread's first comment");
      if (c.author_id != caller.user_id && access.role < Role::kMember) {
        throw forbidden("only the thread's author and the document's editors resolve threads");
      }
      comments::set_resolved(tx, c.id,
                             *changes.resolved ? std::optional(caller.user_id) : std::nullopt,
                             *changes.resolved ? std::optional(now) : std::nullopt);
    }
    auto current = require_current_document(tx, caller.user_id, c.document_id, Role::kViewer);
    return view_of(tx, std::move(*comments::find(tx, c.id)),
                   docs::parse_sections(current.state.version.content));
  });
  notifier_.send(std::move(outbox));
  return view;
}

void CommentsService::remove(const Caller& caller, std::string_view comment_id) {
  db_.write([&](store::Tx& tx) {
    auto [c, access] = find_live(tx, caller, comment_id);
    if (c.author_id != caller.user_id && access.role < Role::kAdmin) {
      throw forbidden("only its author and the organization's admins can delete a comment");
    }
    comments::soft_delete(tx, c.id, now_unix_ms());
    if (c.author_id != caller.user_id) {
      record_audit(tx, AuditEntry{access.org_id, caller.user_id, "comment.deleted", "comment", c.id,
                                  json::object{{"document_id", c.document_id}}, caller.ip});
    }
  });
}

}  // namespace prism::services::collab
