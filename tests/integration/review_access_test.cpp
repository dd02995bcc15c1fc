// Who reviews, and where the review e-mails lead: viewers review (and are
// asked to) only while their organization lets viewers comment, and the
// e-mails of review requests and reviews link to the exact review on the
// document page (?review=requested, ?review=<id>), as the in-app
// notifications do.
#include "collaboration_fixture.hpp"
#include "support/org_helpers.hpp"

namespace prism::testing {
namespace {

class ReviewAccessTest : public CollaborationFixture {
 protected:
  std::string doc_path() const { return "/api/v1/documents/" + doc_; }

  HttpResponse ask(const std::vector<std::string>& ids) {
    json::array reviewers;
    for (const auto& id : ids) reviewers.push_back(json::string(id));
    return owner().post(doc_path() + "/review-requests", json::object{{"reviewers", reviewers}});
  }

  void viewers_comment(bool allowed) {
    expect_status(owner().patch("/api/v1/orgs/" + owner_.org_id,
                                json::object{{"viewers_can_comment", allowed}}),
                  200, "viewers_can_comment");
  }
};

TEST_F(ReviewAccessTest, ReviewEmailsLinkToTheExactReview) {
  expect_status(ask({member_.user_id}), 200, "request review");
  auto asked = mail_to(member_.email, "asked you to review");
  ASSERT_TRUE(asked) << "no review request e-mail";
  EXPECT_NE(asked->body().find("/documents/" + doc_ + "?review=requested"), std::string::npos)
      << asked->body();

  auto reviewed =
      member().post(doc_path() + "/reviews",
                    json::object{{"decision", "request_changes"}, {"body", "Name the owners."}});
  expect_status(reviewed, 201, "review");
  const auto& reviews = reviewed.json().at("reviews").as_array();
  ASSERT_EQ(reviews.size(), 1u);
  std::string review_id = str(reviews[0], "id");
  auto told = mail_to(owner_.email, "reviewed");
  ASSERT_TRUE(told) << "no review e-mail";
  EXPECT_NE(told->body().find("/documents/" + doc_ + "?review=" + review_id), std::string::npos)
      << told->body();
  EXPECT_NE(told->body().find("Name the owners."), std::string::npos) << told->body();

  // The in-app notification names the same review.
  auto list = owner().get("/api/v1/notifications");
  expect_status(list, 200, "notifications");
  bool found = false;
  for (const auto& n : list.json().at("items").as_array()) {
    if (str(n, "kind") == "review") {
      found = true;
      EXPECT_EQ(str(n, "review_id"), review_id);
    }
  }
  EXPECT_TRUE(found) << list.body;
}

TEST_F(ReviewAccessTest, ViewersReviewOnlyWhileTheOrganizationLetsThemComment) {
  auto state = owner().get(doc_path() + "/reviews");
  expect_status(state, 200, "reviews");
  EXPECT_TRUE(state.json().at("viewers_can_review").as_bool());

  viewers_comment(false);
  EXPECT_FALSE(owner().get(doc_path() + "/reviews").json().at("viewers_can_review").as_bool());
  // A viewer cannot be asked, and a member still can.
  auto refused = ask({member_.user_id, viewer_.user_id});
  expect_error(refused, 422, "validation_failed");
  EXPECT_TRUE(has_error_for(refused, "reviewers")) << refused.body;
  EXPECT_EQ(str(owner().get(doc_path()).json(), "status"), "draft") << "the refusal changed it";
  expect_status(ask({member_.user_id}), 200, "ask the member");
  // A viewer cannot review either; a member can.
  expect_error(viewer().post(doc_path() + "/reviews", json::object{{"decision", "approve"}}), 403,
               "comments_closed");
  auto reviews = owner().get(doc_path() + "/reviews").json().at("reviews").as_array();
  EXPECT_TRUE(reviews.empty()) << "the refused review was recorded";

  viewers_comment(true);
  expect_status(ask({viewer_.user_id}), 200, "ask the viewer");
  expect_status(viewer().post(doc_path() + "/reviews", json::object{{"decision", "approve"}}), 201,
                "viewer approves");
}

}  // namespace
}  // namespace prism::testing
