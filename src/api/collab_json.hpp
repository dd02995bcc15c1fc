#pragma once

#include "core/json.hpp"
#include "services/collab/comments_service.hpp"
#include "services/collab/notifications_service.hpp"
#include "services/collab/reviews_service.hpp"

namespace prism::api {

json::object comment_json(const services::collab::CommentView& view);
json::object comments_list_json(const services::collab::CommentsList& list);
json::object reviews_json(const services::collab::ReviewsView& view);
json::object notification_json(const store::notifications::Notification& n);

}  // namespace prism::api
