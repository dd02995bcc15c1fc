#include "services/collab/reviews_service.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "services/access.hpp"
#include "services/audit/audit.hpp"
#include "services/collab/mentions.hpp"
#include "services/collab/participation.hpp"
#include "store/documents_store.hpp"
#include "store/orgs_store.hpp"

namespace prism::services::collab {

namespace docstore = store::documents;
namespace reviews = store::reviews;

namespace {

ReviewsView view_of(store::Tx& tx, const docstore::Document& doc, const std::string& org_id) {
  ReviewsView v;
  v.status = doc.status;
  v.current_version = doc.current_version;
  v.author_id = doc.created_by;
  auto org = store::orgs::find_org(tx, org_id);
  v.required_approvals = org ? org->required_approvals : 1;
  v.viewers_can_review = org && org->viewers_can_comment;
  v.approvals = reviews::approvals_on(tx, doc.id, doc.current_version);
  v.reviews = reviews::reviews_for_document(tx, doc.id);
  for (auto& r : reviews::requests_for_document(tx, doc.id)) {
    ReviewerState state{std::move(r), std::nullopt};
    for (const auto& review : v.reviews) {
      if (review.reviewer_id == state.request.reviewer_id) state.latest = review;
    }
    v.reviewers.push_back(std::move(state));
  }
  for (const auto& review : v.reviews) {
    if (review.decision == "approve") {
      v.last_approved_version = std::max(v.last_approved_version.value_or(0), review.version);
    }
  }
  return v;
}

void set_status(store::Tx& tx, const Caller& caller, const DocumentAccess& access,
                const docstore::Document& doc, const std::string& status, std::string_view why) {
  if (doc.status == status) return;
  if (!docstore::update_document(tx, doc.id, doc.current_version, doc.current_version, doc.title,
                                 status, now_unix_ms())) {
    throw conflict("the document changed meanwhile; reload it and try again");
  }
  record_audit(
      tx, AuditEntry{access.org_id, caller.user_id, "document.status_changed", "document", doc.id,
                     json::object{{"from", doc.status}, {"to", status}, {"by", why}}, caller.ip});
}

}  // namespace

ReviewsView ReviewsService::get(const Caller& caller, std::string_view document_id) {
  return db_.read([&](store::Tx& tx) {
    auto found = require_current_document(tx, caller.user_id, document_id, Role::kViewer);
    return view_of(tx, found.state.document, found.access.org_id);
  });
}

ReviewsView ReviewsService::request(const Caller& caller, std::string_view document_id,
                                    const json::object& body) {
  Outbox outbox;
  auto view = db_.write([&](store::Tx& tx) {
    outbox.clear();
    auto found = require_current_document(tx, caller.user_id, document_id, Role::kMember);
    auto reviewer_ids = parse_review_request(body);
    const auto& doc = found.state.document;
    if (doc.status == "archived") {
      throw conflict("an archived document cannot be reviewed; move it back to draft first");
    }
    const bool viewers_review = viewers_take_part(tx, found.access.org_id);
    for (const auto& id : reviewer_ids) {
      if (id == doc.created_by) {
        throw validation_failed("reviewers", "the document's author cannot review it");
      }
      if (id == caller.user_id) throw validation_failed("reviewers", "you cannot ask yourself");
      auto member = store::orgs::find_member(tx, found.access.org_id, id);
      if (!member) {
        throw validation_failed("reviewers", "every reviewer must be a member of the organization");
      }
      if (member->role == "viewer" && !viewers_review) {
        throw validation_failed("reviewers",
                                "viewers of this organization cannot review; ask a member, or let "
                                "viewers comment in the organization's settings");
      }
    }
    std::int64_t now = now_unix_ms();
    for (const auto& id : reviewer_ids) {
      reviews::upsert_request(
          tx, reviews::Request{doc.id, id, "", caller.user_id, "", doc.current_version, now});
      notifier_.add(tx,
                    Event{id, found.access.org_id, "review_request", caller.user_id, doc.id,
                          std::nullopt, std::nullopt, ""},
                    outbox);
    }
    record_audit(
        tx, AuditEntry{found.access.org_id, caller.user_id, "review.requested", "document", doc.id,
                       json::object{{"reviewers", json::value_from(reviewer_ids)}}, caller.ip});
    if (doc.status == "draft") set_status(tx, caller, found.access, doc, "in_review", "request");
    auto current = docstore::find_document(tx, doc.id);
    return view_of(tx, *current, found.access.org_id);
  });
  notifier_.send(std::move(outbox));
  return view;
}

ReviewsView ReviewsService::review(const Caller& caller, std::string_view document_id,
                                   const json::object& body) {
  Outbox outbox;
  auto view = db_.write([&](store::Tx& tx) {
    outbox.clear();
    auto found = require_current_document(tx, caller.user_id, document_id, Role::kViewer);
    require_participant(tx, found.access);
    ReviewDecision decision = parse_review(body);
    const auto& doc = found.state.document;
    if (doc.created_by == caller.user_id) {
      throw Error(ErrorCode::kForbidden, "the author cannot review their own document")
          .with_machine_code("own_document");
    }
    if (doc.status != "in_review" && doc.status != "approved") {
      throw Error(ErrorCode::kConflict, "the document is not in review; ask for a review first")
          .with_machine_code("not_in_review");
    }
    reviews::Review r{new_id(),     found.access.org_id, doc.id,        caller.user_id,
                      "",           decision.decision,   decision.body, doc.current_version,
                      now_unix_ms()};
    reviews::insert_review(tx, r);
    auto org = store::orgs::find_org(tx, found.access.org_id);
    std::int64_t required = org ? org->required_approvals : 1;
    if (decision.decision == "approve") {
      if (reviews::approvals_on(tx, doc.id, doc.current_version) >=
          std::max<std::int64_t>(required, 1)) {
        set_status(tx, caller, found.access, doc, "approved", "reviews");
      }
    } else if (doc.status == "approved") {
      set_status(tx, caller, found.access, doc, "in_review", "changes requested");
    }
    // The author hears of it, and whoever asked this reviewer.
    std::vector<std::string> told{doc.created_by};
    for (const auto& req : reviews::requests_for_document(tx, doc.id)) {
      if (req.reviewer_id == caller.user_id &&
          std::find(told.begin(), told.end(), req.requested_by) == told.end()) {
        told.push_back(req.requested_by);
      }
    }
    std::string what = decision.decision == "approve" ? "Approved" : "Changes requested";
    std::string text = decision.body.empty() ? what : what + ": " + excerpt(decision.body, 180);
    for (const auto& id : told) {
      if (!store::orgs::find_member(tx, found.access.org_id, id)) continue;
      notifier_.add(tx,
                    Event{id, found.access.org_id, "review", caller.user_id, doc.id, std::nullopt,
                          r.id, text},
                    outbox);
    }
    record_audit(
        tx,
        AuditEntry{found.access.org_id, caller.user_id, "review.submitted", "document", doc.id,
                   json::object{{"decision", decision.decision}, {"version", doc.current_version}},
                   caller.ip});
    auto current = docstore::find_document(tx, doc.id);
    return view_of(tx, *current, found.access.org_id);
  });
  notifier_.send(std::move(outbox));
  return view;
}

}  // namespace prism::services::collab
