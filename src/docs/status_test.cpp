#include "docs/status.hpp"

#include <gtest/gtest.h>

namespace prism::docs {
namespace {

TEST(Status, ParsesOnlyExactNames) {
  EXPECT_EQ(parse_status("in_review"), Status::kInReview);
  EXPECT_EQ(status_name(Status::kApproved), "approved");
  EXPECT_FALSE(parse_status("Draft").has_value());
  EXPECT_FALSE(parse_status("in-review").has_value());
  EXPECT_FALSE(parse_status("").has_value());
  EXPECT_EQ(status_names(), "draft, in_review, approved, archived");
}

TEST(Status, ForwardOneStepOrBackToDraft) {
  using S = Status;
  EXPECT_TRUE(status_transition_allowed(S::kDraft, S::kInReview));
  EXPECT_TRUE(status_transition_allowed(S::kInReview, S::kApproved));
  EXPECT_TRUE(status_transition_allowed(S::kApproved, S::kArchived));
  for (S s : {S::kDraft, S::kInReview, S::kApproved, S::kArchived}) {
    EXPECT_TRUE(status_transition_allowed(s, S::kDraft));
    EXPECT_TRUE(status_transition_allowed(s, s));
  }
  EXPECT_FALSE(status_transition_allowed(S::kDraft, S::kApproved));
  EXPECT_FALSE(status_transition_allowed(S::kDraft, S::kArchived));
  EXPECT_FALSE(status_transition_allowed(S::kInReview, S::kArchived));
  EXPECT_FALSE(status_transition_allowed(S::kApproved, S::kInReview));
  EXPECT_FALSE(status_transition_allowed(S::kArchived, S::kApproved));
  EXPECT_EQ(next_statuses(S::kArchived), std::vector<S>{S::kDraft});
  EXPECT_EQ(next_statuses(S::kInReview), (std::vector<S>{S::kDraft, S::kApproved}));
}

}  // namespace
}  // namespace prism::docs
