#include "api/collab_json.hpp"

#include "api/common.hpp"
#include "core/clock.hpp"

namespace prism::api {

namespace {

json::object person(const std::string& id, const std::string& name) {
  return json::object{{"id", id}, {"name", name}};
}

json::value opt_string(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object one_comment(const store::comments::Comment& c, bool deleted) {
  return json::object{{"id", c.id},
                      {"document_id", c.document_id},
                      {"parent_id", opt_string(c.parent_id)},
                      {"author", person(c.author_id, c.author_name)},
                      {"body", deleted ? std::string() : c.body},
                      {"deleted", deleted},
                      {"created_at", rfc3339_ms(c.created_at)},
                      {"edited_at", optional_time(c.edited_at)}};
}

json::object review_json(const store::reviews::Review& r, std::int64_t current_version) {
  return json::object{{"id", r.id},
                      {"reviewer", person(r.reviewer_id, r.reviewer_name)},
                      {"decision", r.decision},
                      {"body", r.body},
                      {"version", r.version},
                      {"stale", r.version != current_version},
                      {"created_at", rfc3339_ms(r.created_at)}};
}

}  // namespace

json::object comment_json(const services::collab::CommentView& v) {
  json::object o = one_comment(v.comment, v.deleted);
  if (v.comment.parent_id) return o;
  o["section"] = opt_string(v.comment.section);
  o["quote"] = v.deleted ? json::value(nullptr) : opt_string(v.comment.quote);
  o["anchor_version"] = v.comment.anchor_version;
  o["outdated"] = v.outdated;
  o["resolved"] = v.comment.resolved_at.has_value();
  o["resolved_at"] = optional_time(v.comment.resolved_at);
  o["resolved_by"] =
      v.comment.resolved_by
          ? json::value(person(*v.comment.resolved_by, v.resolved_by_name.value_or("")))
          : json::value(nullptr);
  json::array replies;
  for (const auto& r : v.replies) replies.push_back(one_comment(r, false));
  o["replies"] = std::move(replies);
  return o;
}

json::object comments_list_json(const services::collab::CommentsList& list) {
  json::array items;
  for (const auto& t : list.threads) items.push_back(comment_json(t));
  return json::object{{"items", std::move(items)}, {"can_comment", list.can_comment}};
}

json::object reviews_json(const services::collab::ReviewsView& v) {
  json::array reviewers;
  for (const auto& r : v.reviewers) {
    json::object o{{"reviewer", person(r.request.reviewer_id, r.request.reviewer_name)},
                   {"requested_by", person(r.request.requested_by, r.request.requested_by_name)},
                   {"requested_version", r.request.version},
                   {"requested_at", rfc3339_ms(r.request.created_at)},
                   {"latest", r.latest ? json::value(review_json(*r.latest, v.current_version))
                                       : json::value(nullptr)}};
    reviewers.push_back(std::move(o));
  }
  json::array reviews;
  for (const auto& r : v.reviews) reviews.push_back(review_json(r, v.current_version));
  return json::object{
      {"status", v.status},
      {"current_version", v.current_version},
      {"required_approvals", v.required_approvals},
      {"viewers_can_review", v.viewers_can_review},
      {"approvals", v.approvals},
      {"author_id", v.author_id},
      {"reviewers", std::move(reviewers)},
      {"reviews", std::move(reviews)},
      {"last_approved_version",
       v.last_approved_version ? json::value(*v.last_approved_version) : json::value(nullptr)}};
}

json::object notification_json(const store::notifications::Notification& n) {
  json::object o{
      {"id", n.id},
      {"kind", n.kind},
      {"org_id", n.org_id},
      {"actor", n.actor_id ? json::value(person(*n.actor_id, n.actor_name)) : json::value(nullptr)},
      {"document", n.document_id ? json::value(json::object{{"id", *n.document_id},
                                                            {"title", n.document_title},
                                                            {"project_id", n.project_id}})
                                 : json::value(nullptr)},
      {"comment_id", opt_string(n.comment_id)},
      {"review_id", opt_string(n.review_id)},
      {"excerpt", n.excerpt},
      {"created_at", rfc3339_ms(n.created_at)},
      {"read", n.read_at.has_value()},
      {"read_at", optional_time(n.read_at)}};
  return o;
}

}  // namespace prism::api
