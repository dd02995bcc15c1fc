#pragma once

#include "http/router.hpp"
#include "services/collab/comments_service.hpp"
#include "services/collab/notifications_service.hpp"
#include "services/collab/reviews_service.hpp"

namespace prism::api {

// Comments: GET/POST /api/v1/documents/{id}/comments, PATCH/DELETE
// /api/v1/comments/{id}. Reviews: GET /api/v1/documents/{id}/reviews, POST
// …/review-requests and …/reviews. Notifications: GET /api/v1/notifications,
// POST /api/v1/notifications/read, GET /api/v1/notifications/stream (SSE),
// POST /api/v1/notifications/unsubscribe?token= (RFC 8058 one-click, no
// session), GET/PATCH /api/v1/auth/me/preferences.
struct CollabServices {
  services::collab::CommentsService& comments;
  services::collab::ReviewsService& reviews;
  services::collab::NotificationsService& notifications;
};
void register_collab_routes(http::Router& router, CollabServices services);

}  // namespace prism::api
