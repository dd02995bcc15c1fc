// Three people of one organization write, comment on, review and approve a
// PRD over HTTP, and are told what needs them: comments (threads, replies,
// mentions, resolve, outdated anchors), reviews and approvals, in-app
// notifications with their live stream, and e-mail through the local SMTP
// sink with per-kind preferences and one-click unsubscribe.
#include <regex>

#include "collaboration_fixture.hpp"
#include "support/org_helpers.hpp"
#include "support/sse_client.hpp"

namespace prism::testing {
namespace {

constexpr const char* kPrd = kCollaborationPrd;

class CollaborationTest : public CollaborationFixture {
 protected:
  std::string comments_path() const { return "/api/v1/documents/" + doc_ + "/comments"; }

  static std::string mention(const TestUser& u, const std::string& name) {
    return "@[" + name + "](" + u.user_id + ")";
  }

  json::value notifications(HttpClient& c, const std::string& query = "") {
    auto r = c.get("/api/v1/notifications" + query);
    expect_status(r, 200, "notifications");
    return r.json();
  }

  // The notifications of `kind` the client has, newest first.
  std::vector<json::value> of_kind(HttpClient& c, const std::string& kind) {
    std::vector<json::value> out;
    auto list = notifications(c);
    for (const auto& n : list.at("items").as_array()) {
      if (str(n, "kind") == kind) out.push_back(n);
    }
    return out;
  }

};

TEST_F(CollaborationTest, AThreadOnAQuoteWithMentionsRepliesResolveAndAnOutdatedAnchor) {
  // A viewer starts a thread on a quoted passage and mentions the member.
  auto created = viewer().post(
      comments_path(), json::object{{"body", "Which date? " + mention(member_, "Mia") + " knows."},
                                    {"section", "goals"},
                                    {"quote", "Ship the checkout."}});
  expect_status(created, 201, "comment");
  std::string thread = str(created.json(), "id");
  EXPECT_EQ(str(created.json(), "section"), "Goals");
  EXPECT_FALSE(created.json().at("outdated").as_bool());

  auto mentions = of_kind(member(), "mention");
  ASSERT_EQ(mentions.size(), 1u);
  EXPECT_EQ(str(mentions[0], "comment_id"), thread);
  EXPECT_EQ(str(mentions[0].at("document"), "title"), "Checkout PRD");
  EXPECT_EQ(str(mentions[0], "excerpt"), "Which date? @Mia knows.");
  EXPECT_TRUE(of_kind(viewer(), "mention").empty()) << "nobody is told of their own comment";
  auto mail = mail_to(member_.email, "mentioned you");
  ASSERT_TRUE(mail) << "no mention e-mail";
  EXPECT_NE(mail->body().find("/documents/" + doc_ + "?comment=" + thread), std::string::npos);
  EXPECT_NE(mail->header("List-Unsubscribe").find("/api/v1/notifications/unsubscribe?token="),
            std::string::npos);
  EXPECT_EQ(mail->header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");

  // The owner replies: the viewer (a participant) hears of it, the member
  // (not a participant) does not.
  auto reply =
      owner().post(comments_path(), json::object{{"body", "By **March**."}, {"parent_id", thread}});
  expect_status(reply, 201, "reply");
  EXPECT_EQ(of_kind(viewer(), "reply").size(), 1u);
  EXPECT_TRUE(of_kind(member(), "reply").empty());
  // A reply to the reply joins the thread.
  auto nested = member().post(
      comments_path(), json::object{{"body", "Agreed."}, {"parent_id", str(reply.json(), "id")}});
  expect_status(nested, 201, "nested reply");
  EXPECT_EQ(str(nested.json(), "parent_id"), thread);

  // Editing: only the author; resolving: the author or an editor.
  expect_error(member().patch("/api/v1/comments/" + thread, json::object{{"body", "hijack"}}), 403);
  auto edited = viewer().patch("/api/v1/comments/" + thread, json::object{{"body", "Which date?"}});
  expect_status(edited, 200, "edit");
  EXPECT_FALSE(edited.json().at("edited_at").is_null());
  auto resolved = member().patch("/api/v1/comments/" + thread, json::object{{"resolved", true}});
  expect_status(resolved, 200, "resolve");
  EXPECT_TRUE(resolved.json().at("resolved").as_bool());
  EXPECT_EQ(str(resolved.json().at("resolved_by"), "id"), member_.user_id);
  expect_error(viewer().patch("/api/v1/comments/" + str(reply.json(), "id"),
                              json::object{{"resolved", true}}),
               422);  // a reply is resolved with its thread
  auto members_thread =
      str(member().post(comments_path(), json::object{{"body", "Mine"}}).json(), "id");
  expect_error(
      viewer().patch("/api/v1/comments/" + members_thread, json::object{{"resolved", true}}),
      403);  // a viewer resolves only their own threads
  expect_status(viewer().patch("/api/v1/comments/" + thread, json::object{{"resolved", false}}),
                200, "reopen own thread");

  // A new version that changes the quoted text: the thread stays on its
  // section, outdated, with its replies.
  expect_status(
      owner().patch(
          "/api/v1/documents/" + doc_,
          json::object{{"content", std::string(kPrd).replace(std::string(kPrd).find("Ship the"), 8,
                                                             "Launch the")}},
          {{"If-Match", "\"1\""}}),
      200, "edit document");
  auto list = viewer().get(comments_path());
  expect_status(list, 200, "list");
  const auto& items = list.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(items[0].at("outdated").as_bool());
  EXPECT_FALSE(items[1].at("outdated").as_bool()) << "a thread on the whole document";
  EXPECT_EQ(str(items[0], "section"), "Goals");
  EXPECT_EQ(items[0].at("replies").as_array().size(), 2u);
  EXPECT_TRUE(list.json().at("can_comment").as_bool());

  // Deleting: the author, or an admin; a deleted first comment keeps its
  // thread while it has replies.
  expect_error(member().del("/api/v1/comments/" + thread), 403);
  expect_status(viewer().del("/api/v1/comments/" + thread), 204, "delete own");
  auto after = owner().get(comments_path());
  const auto& kept = after.json().at("items").as_array();
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_TRUE(kept[0].at("deleted").as_bool());
  EXPECT_EQ(str(kept[0], "body"), "");
  expect_status(owner().del("/api/v1/comments/" + str(nested.json(), "id")), 204, "admin deletes");
}

TEST_F(CollaborationTest, BadCommentsAreRefusedWithTheFieldAndViewersCanBeSilenced) {
  expect_error(viewer().post(comments_path(), json::object{{"body", "  "}}), 422,
               "validation_failed");
  expect_error(viewer().post(comments_path(), json::object{{"body", "x"}, {"section", "Nope"}}),
               422);
  expect_error(
      viewer().post(comments_path(),
                    json::object{{"body", "x"}, {"section", "Goals"}, {"quote", "absent"}}),
      422);
  expect_error(viewer().post(comments_path(), json::object{{"body", std::string(10001, 'x')}}),
               422);
  TestUser outsider;
  auto stranger = client();
  outsider = register_user(*stranger, "outsider", "Elsewhere");
  expect_error(
      viewer().post(comments_path(), json::object{{"body", "hi " + mention(outsider, "Out")}}),
      422);
  // Another organization's user finds nothing.
  expect_error(stranger->get(comments_path()), 404);
  expect_error(stranger->post(comments_path(), json::object{{"body", "x"}}), 404);

  expect_status(
      owner().patch("/api/v1/orgs/" + owner_.org_id, json::object{{"viewers_can_comment", false}}),
      200, "org setting");
  auto closed = viewer().post(comments_path(), json::object{{"body", "x"}});
  expect_error(closed, 403, "comments_closed");
  EXPECT_FALSE(viewer().get(comments_path()).json().at("can_comment").as_bool());
  expect_status(member().post(comments_path(), json::object{{"body", "members still can"}}), 201,
                "member comment");
  expect_status(
      owner().patch("/api/v1/orgs/" + owner_.org_id, json::object{{"viewers_can_comment", true}}),
      200, "org setting back");
}

TEST_F(CollaborationTest, ReviewsApproveOnlyThroughReviewersAndANewVersionMakesThemStale) {
  // Approval without review is refused; the author cannot review.
  expect_status(owner().patch("/api/v1/documents/" + doc_, json::object{{"status", "in_review"}},
                              {{"If-Match", "\"1\""}}),
                200, "to review");
  expect_error(owner().patch("/api/v1/documents/" + doc_, json::object{{"status", "approved"}},
                             {{"If-Match", "\"1\""}}),
               409, "approval_required");
  expect_error(owner().post("/api/v1/documents/" + doc_ + "/review-requests",
                            json::object{{"reviewers", json::array{owner_.user_id}}}),
               422);
  expect_status(
      owner().patch("/api/v1/orgs/" + owner_.org_id, json::object{{"required_approvals", 2}}), 200,
      "two approvals");

  auto asked =
      owner().post("/api/v1/documents/" + doc_ + "/review-requests",
                   json::object{{"reviewers", json::array{member_.user_id, viewer_.user_id}}});
  expect_status(asked, 200, "request review");
  EXPECT_EQ(str(asked.json(), "status"), "in_review");
  EXPECT_EQ(asked.json().at("reviewers").as_array().size(), 2u);
  EXPECT_EQ(of_kind(member(), "review_request").size(), 1u);
  EXPECT_EQ(of_kind(viewer(), "review_request").size(), 1u);
  ASSERT_TRUE(mail_to(viewer_.email, "asked you to review"));

  expect_error(owner().post(reviews_path(), json::object{{"decision", "approve"}}), 403,
               "own_document");
  expect_error(member().post(reviews_path(), json::object{{"decision", "request_changes"}}), 422);
  auto one = member().post(reviews_path(), json::object{{"decision", "approve"}});
  expect_status(one, 201, "first approval");
  EXPECT_EQ(str(one.json(), "status"), "in_review");
  EXPECT_EQ(one.json().at("approvals").as_int64(), 1);
  auto two = viewer().post(reviews_path(), json::object{{"decision", "approve"}, {"body", "LGTM"}});
  expect_status(two, 201, "second approval");
  EXPECT_EQ(str(two.json(), "status"), "approved");
  EXPECT_EQ(two.json().at("last_approved_version").as_int64(), 1);
  auto told = of_kind(owner(), "review");
  ASSERT_EQ(told.size(), 2u);
  EXPECT_EQ(str(told[0], "excerpt"), "Approved: LGTM");

  // A new version: back to review, approvals stale.
  auto edited =
      owner().patch("/api/v1/documents/" + doc_,
                    json::object{{"content", std::string(kPrd) + "\n## Risks\n\nNone.\n"}},
                    {{"If-Match", "\"1\""}});
  expect_status(edited, 200, "edit approved document");
  EXPECT_EQ(str(edited.json(), "status"), "in_review");
  auto state = member().get(reviews_path());
  expect_status(state, 200, "reviews");
  EXPECT_EQ(state.json().at("approvals").as_int64(), 0);
  EXPECT_EQ(state.json().at("current_version").as_int64(), 2);
  for (const auto& r : state.json().at("reviews").as_array()) {
    EXPECT_TRUE(r.at("stale").as_bool());
  }
  const auto& reviewers = state.json().at("reviewers").as_array();
  ASSERT_EQ(reviewers.size(), 2u);
  EXPECT_EQ(str(reviewers[0].at("latest"), "decision"), "approve");

  // Changes requested with a reason; the other org sees nothing.
  auto changes = member().post(reviews_path(), json::object{{"decision", "request_changes"},
                                                            {"body", "Name the risks' owners."}});
  expect_status(changes, 201, "request changes");
  auto stranger = client();
  register_user(*stranger, "outsider", "Elsewhere");
  expect_error(stranger->get(reviews_path()), 404);
  expect_error(stranger->post(reviews_path(), json::object{{"decision", "approve"}}), 404);
  expect_status(
      owner().patch("/api/v1/orgs/" + owner_.org_id, json::object{{"required_approvals", 1}}), 200,
      "back to one approval");
}

TEST_F(CollaborationTest, TheBellStreamsChangesAndNotificationsAreMarkedReadByTheirOwnerOnly) {
  SseClient stream(server_->port(), "/api/v1/notifications/stream", member().bearer());
  ASSERT_EQ(stream.status(), 200) << stream.error_body();
  auto first = stream.read_until_event("changed", std::chrono::seconds(5));
  ASSERT_FALSE(first.empty());

  expect_status(
      viewer().post(comments_path(), json::object{{"body", "ping " + mention(member_, "Mia")}}),
      201, "mention");
  auto heard = stream.read_until_event("changed", std::chrono::seconds(5));
  ASSERT_FALSE(heard.empty()) << "the stream did not say the notifications changed";

  auto list = notifications(member(), "?unread=true");
  EXPECT_EQ(list.at("unread_count").as_int64(), 1);
  std::string id = str(list.at("items").at(0), "id");
  // Someone else cannot mark it read.
  auto other = viewer().post("/api/v1/notifications/read", json::object{{"ids", json::array{id}}});
  expect_status(other, 200, "others' ids");
  EXPECT_EQ(other.json().at("marked").as_int64(), 0);
  auto mine = member().post("/api/v1/notifications/read", json::object{{"ids", json::array{id}}});
  EXPECT_EQ(mine.json().at("marked").as_int64(), 1);
  EXPECT_EQ(notifications(member()).at("unread_count").as_int64(), 0);
  ASSERT_FALSE(stream.read_until_event("changed", std::chrono::seconds(5)).empty());
  expect_error(member().post("/api/v1/notifications/read", json::object{}), 422);
  // Reloading never locks the bell out: past five streams the oldest ends.
  std::vector<std::unique_ptr<SseClient>> more;
  for (int i = 0; i < 5; ++i) {
    more.push_back(std::make_unique<SseClient>(server_->port(), "/api/v1/notifications/stream",
                                               member().bearer()));
    ASSERT_EQ(more.back()->status(), 200) << more.back()->error_body();
  }
  stream.read_to_end(std::chrono::seconds(5));
  EXPECT_TRUE(stream.ended()) << "the oldest stream was not ended";
  expect_status(member().post("/api/v1/notifications/read", json::object{{"all", true}}), 200,
                "all");
}

TEST_F(CollaborationTest, EmailPreferencesAndOneClickUnsubscribeStopOneKindOnly) {
  auto prefs = member().get("/api/v1/auth/me/preferences");
  expect_status(prefs, 200, "preferences");
  EXPECT_TRUE(prefs.json().at("email").at("mention").as_bool());
  expect_error(member().patch("/api/v1/auth/me/preferences",
                              json::object{{"email", json::object{{"gossip", true}}}}),
               422);

  expect_status(
      viewer().post(comments_path(), json::object{{"body", "first " + mention(member_, "Mia")}}),
      201, "mention");
  auto mail = mail_to(member_.email, "mentioned you");
  ASSERT_TRUE(mail);
  std::smatch m;
  std::string header = mail->header("List-Unsubscribe");
  ASSERT_TRUE(std::regex_search(header, m, std::regex("token=([A-Za-z0-9_.-]+)"))) << header;
  std::string token = m[1].str();

  // One click (a mail client's POST without a session) stops mention e-mail.
  auto anonymous = client();
  auto done = anonymous->raw("POST", "/api/v1/notifications/unsubscribe?token=" + token,
                             "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
  expect_status(done, 200, "unsubscribe");
  EXPECT_EQ(str(done.json(), "kind"), "mention");
  EXPECT_FALSE(
      member().get("/api/v1/auth/me/preferences").json().at("email").at("mention").as_bool());
  EXPECT_TRUE(member().get("/api/v1/auth/me/preferences").json().at("email").at("reply").as_bool());
  std::string tampered = token;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  expect_error(
      anonymous->raw("POST", "/api/v1/notifications/unsubscribe?token=" + tampered, "", ""), 410);

  std::size_t before = sink_->messages().size();
  expect_status(
      viewer().post(comments_path(), json::object{{"body", "second " + mention(member_, "Mia")}}),
      201, "mention again");
  EXPECT_EQ(of_kind(member(), "mention").size(), 2u) << "still told in the app";
  // A reply e-mail (still on) to the same person arrives; the mention one does not.
  auto thread = str(member().post(comments_path(), json::object{{"body", "mine"}}).json(), "id");
  expect_status(viewer().post(comments_path(), json::object{{"body", "re"}, {"parent_id", thread}}),
                201, "reply");
  ASSERT_TRUE(mail_to(member_.email, "replied"));
  auto sent = sink_->messages();
  for (std::size_t i = before; i < sent.size(); ++i) {
    const auto& msg = sent[i];
    if (msg.to[0] == member_.email) {
      EXPECT_EQ(msg.decoded_header("Subject").find("mentioned you"), std::string::npos);
    }
  }
}

TEST_F(CollaborationTest, AnAcceptedInvitationTellsTheInviter) {
  auto told = of_kind(owner(), "invitation_accepted");
  ASSERT_EQ(told.size(), 2u);  // the member and the viewer joined in SetUp
  EXPECT_NE(str(told[0], "excerpt").find(" as viewer"), std::string::npos)
      << str(told[0], "excerpt");
}

}  // namespace
}  // namespace prism::testing
