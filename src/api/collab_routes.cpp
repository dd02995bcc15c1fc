#include "api/collab_routes.hpp"

#include "api/caller.hpp"
#include "api/collab_json.hpp"
#include "api/common.hpp"
#include "core/error.hpp"

namespace prism::api {

namespace {

using http::Request;
using http::Response;
using verb = http::beast_http::verb;
namespace collab = services::collab;

json::object body_of(Request& req) {
  return req.raw().body().empty() ? json::object{} : req.json_body();
}

json::object preferences_json(const std::map<std::string, bool>& prefs) {
  json::object email;
  for (const auto& [kind, on] : prefs) email[kind] = on;
  return json::object{{"email", std::move(email)}};
}

void register_comments(http::Router& router, collab::CommentsService& comments) {
  router.add(verb::get, "/api/v1/documents/{id}/comments", [&comments](Request& req) {
    return Response::json(comments_list_json(comments.list(caller_of(req), req.param("id"))));
  });
  router.add(verb::post, "/api/v1/documents/{id}/comments", [&comments](Request& req) {
    auto view = comments.create(caller_of(req), req.param("id"), body_of(req));
    return Response::json(comment_json(view), http::Status::created)
        .header("Location", "/api/v1/comments/" + view.comment.id);
  });
  router.add(verb::patch, "/api/v1/comments/{id}", [&comments](Request& req) {
    return Response::json(
        comment_json(comments.update(caller_of(req), req.param("id"), body_of(req))));
  });
  router.add(verb::delete_, "/api/v1/comments/{id}", [&comments](Request& req) {
    comments.remove(caller_of(req), req.param("id"));
    return Response::no_content();
  });
}

void register_reviews(http::Router& router, collab::ReviewsService& reviews) {
  router.add(verb::get, "/api/v1/documents/{id}/reviews", [&reviews](Request& req) {
    return Response::json(reviews_json(reviews.get(caller_of(req), req.param("id"))));
  });
  router.add(verb::post, "/api/v1/documents/{id}/review-requests", [&reviews](Request& req) {
    return Response::json(
        reviews_json(reviews.request(caller_of(req), req.param("id"), body_of(req))));
  });
  router.add(verb::post, "/api/v1/documents/{id}/reviews", [&reviews](Request& req) {
    return Response::json(
        reviews_json(reviews.review(caller_of(req), req.param("id"), body_of(req))),
        http::Status::created);
  });
}

void register_notifications(http::Router& router, collab::NotificationsService& notes) {
  router.add(verb::get, "/api/v1/notifications", [&notes](Request& req) {
    Page page = page_from(req);
    auto unread = req.query("unread");
    if (unread && *unread != "true" && *unread != "false") {
      throw validation_failed("unread", "must be true or false");
    }
    auto result = notes.list(caller_of(req), unread && *unread == "true", page.cursor, page.limit);
    json::array items;
    for (const auto& n : result.items) items.push_back(notification_json(n));
    json::object body = list_body(std::move(items), page, [](const json::value& v) {
      return std::string(v.at("id").as_string());
    });
    body["unread_count"] = result.unread;
    return Response::json(body);
  });
  router.add(verb::post, "/api/v1/notifications/read", [&notes](Request& req) {
    auto ids = collab::parse_mark_read(req.json_body());
    auto caller = caller_of(req);
    std::int64_t marked = ids ? notes.mark_read(caller, *ids) : notes.mark_all_read(caller);
    return Response::json(json::object{{"marked", marked}});
  });
  router.add(verb::get, "/api/v1/notifications/stream", [&notes](Request& req) {
    return Response::event_stream(notes.stream(caller_of(req)));
  });
  router.add(
      verb::post, "/api/v1/notifications/unsubscribe",
      [&notes](Request& req) {
        auto token = req.query("token");
        if (!token || token->empty()) throw validation_failed("token", "is required");
        std::string kind = notes.unsubscribe(*token);
        return Response::json(json::object{{"kind", kind}, {"email", false}});
      },
      http::Auth::kNone);
  router.add(verb::get, "/api/v1/auth/me/preferences", [&notes](Request& req) {
    return Response::json(preferences_json(notes.preferences(caller_of(req))));
  });
  router.add(verb::patch, "/api/v1/auth/me/preferences", [&notes](Request& req) {
    auto prefs = collab::parse_preferences(req.json_body());
    return Response::json(preferences_json(notes.set_preferences(caller_of(req), prefs)));
  });
}

}  // namespace

void register_collab_routes(http::Router& router, CollabServices services) {
  register_comments(router, services.comments);
  register_reviews(router, services.reviews);
  register_notifications(router, services.notifications);
}

}  // namespace prism::api
