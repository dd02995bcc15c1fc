#include "services/collab/notifier.hpp"

#include <gtest/gtest.h>

namespace prism::services::collab {
namespace {

Event event(std::string kind) {
  Event e;
  e.user_id = "u1";
  e.org_id = "o1";
  e.kind = std::move(kind);
  e.actor_id = "u2";
  return e;
}

TEST(NotificationLink, LeadsToTheExactCommentOrReview) {
  auto mention = event("mention");
  mention.document_id = "d1";
  mention.comment_id = "c1";
  EXPECT_EQ(document_link(mention), "/documents/d1?comment=c1");

  auto review = event("review");
  review.document_id = "d1";
  review.review_id = "r1";
  EXPECT_EQ(document_link(review), "/documents/d1?review=r1");

  auto request = event("review_request");
  request.document_id = "d1";
  EXPECT_EQ(document_link(request), "/documents/d1?review=requested");

  EXPECT_EQ(document_link(event("invitation_accepted")), "/notifications");
}

}  // namespace
}  // namespace prism::services::collab
