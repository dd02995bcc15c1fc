// The collaboration stores on whichever backend TempDatabase is (PostgreSQL
// when PRISM_TEST_POSTGRES_URL is set): approvals count each reviewer's
// latest decision on a version, notifications are read and marked only by
// their owner and vanish with a membership, preferences upsert.
#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "store/comments_store.hpp"
#include "store/notifications_store.hpp"
#include "store/reviews_store.hpp"
#include "store/testing_db.hpp"

namespace prism::store {
namespace {

struct World {
  std::string owner, reviewer, other, org, project, document;
};

World seed(testing::TempDatabase& tdb) {
  World w{tdb.add_user(new_id() + "@example.com", "Olga"),
          tdb.add_user(new_id() + "@example.com", "Rui"),
          tdb.add_user(new_id() + "@example.com", "Ann"),
          new_id(),
          new_id(),
          new_id()};
  tdb.db().write([&](Tx& tx) {
    tx.exec(
        "INSERT INTO organizations (id, name, slug, created_at, updated_at)"
        " VALUES (?1, 'O', ?2, 1, 1)",
        {w.org, "o-" + w.org});
    for (const auto& u : {w.owner, w.reviewer, w.other}) {
      tx.exec(
          "INSERT INTO memberships (org_id, user_id, role, created_at) VALUES (?1, ?2, 'member', "
          "1)",
          {w.org, u});
    }
    tx.exec(
        "INSERT INTO projects (id, org_id, name, key, created_by, created_at, updated_at)"
        " VALUES (?1, ?2, 'P', 'PP', ?3, 1, 1)",
        {w.project, w.org, w.owner});
    tx.exec(
        "INSERT INTO documents (id, org_id, project_id, title, current_version, created_by,"
        " created_at, updated_at) VALUES (?1, ?2, ?3, 'Doc', 1, ?4, 1, 1)",
        {w.document, w.org, w.project, w.owner});
  });
  return w;
}

void review(Tx& tx, const World& w, const std::string& who, const std::string& decision,
            std::int64_t version) {
  reviews::insert_review(
      tx, reviews::Review{new_id(), w.org, w.document, who, "", decision, "", version, 1});
}

TEST(CollabStore, ApprovalsCountEachReviewersLatestDecisionOnTheVersion) {
  testing::TempDatabase tdb;
  auto w = seed(tdb);
  tdb.db().write([&](Tx& tx) {
    review(tx, w, w.reviewer, "approve", 1);
    review(tx, w, w.other, "request_changes", 1);
    review(tx, w, w.other, "approve", 1);     // changed their mind
    review(tx, w, w.reviewer, "approve", 2);  // on the next version
    review(tx, w, w.other, "approve", 2);
    review(tx, w, w.other, "request_changes", 2);
  });
  tdb.db().read([&](Tx& tx) {
    EXPECT_EQ(reviews::approvals_on(tx, w.document, 1), 2);
    EXPECT_EQ(reviews::approvals_on(tx, w.document, 2), 1);
    EXPECT_EQ(reviews::approvals_on(tx, w.document, 3), 0);
    auto all = reviews::reviews_for_document(tx, w.document);
    ASSERT_EQ(all.size(), 6u);
    EXPECT_EQ(all[0].reviewer_name, "Rui");
  });
  // Asking again moves the request to the new version.
  tdb.db().write([&](Tx& tx) {
    reviews::upsert_request(tx, {w.document, w.reviewer, "", w.owner, "", 1, 10});
    reviews::upsert_request(tx, {w.document, w.reviewer, "", w.owner, "", 2, 20});
  });
  tdb.db().read([&](Tx& tx) {
    auto requests = reviews::requests_for_document(tx, w.document);
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].version, 2);
    EXPECT_EQ(requests[0].requested_by_name, "Olga");
  });
}

TEST(CollabStore, NotificationsAreTheirOwnersOnlyAndLeaveWithTheMembership) {
  testing::TempDatabase tdb;
  auto w = seed(tdb);
  std::vector<std::string> ids;
  tdb.db().write([&](Tx& tx) {
    for (int i = 0; i < 3; ++i) {
      notifications::Notification n;
      n.id = new_id();
      n.user_id = w.reviewer;
      n.org_id = w.org;
      n.kind = "mention";
      n.actor_id = w.owner;
      n.document_id = w.document;
      n.excerpt = "hi " + std::to_string(i);
      n.created_at = i;
      notifications::insert(tx, n);
      ids.push_back(n.id);
    }
  });
  tdb.db().write([&](Tx& tx) {
    EXPECT_EQ(notifications::mark_read(tx, w.other, ids, 5), 0);
    EXPECT_EQ(notifications::mark_read(tx, w.reviewer, {ids[0]}, 5), 1);
  });
  tdb.db().read([&](Tx& tx) {
    EXPECT_EQ(notifications::unread_count(tx, w.reviewer), 2);
    auto unread = notifications::list_for_user(tx, w.reviewer, true, std::nullopt, 10);
    ASSERT_EQ(unread.size(), 2u);
    EXPECT_EQ(unread[0].id, ids[2]) << "newest first";
    EXPECT_EQ(unread[0].actor_name, "Olga");
    EXPECT_EQ(unread[0].document_title, "Doc");
    EXPECT_EQ(unread[0].project_id, w.project);
    auto page = notifications::list_for_user(tx, w.reviewer, false, ids[2], 10);
    ASSERT_EQ(page.size(), 2u);
    EXPECT_EQ(page[0].id, ids[1]);
  });
  tdb.db().write([&](Tx& tx) {
    tx.exec("DELETE FROM memberships WHERE org_id = ?1 AND user_id = ?2", {w.org, w.reviewer});
  });
  tdb.db().read([&](Tx& tx) {
    EXPECT_EQ(notifications::unread_count(tx, w.reviewer), 0);
    EXPECT_TRUE(notifications::list_for_user(tx, w.reviewer, false, std::nullopt, 10).empty());
  });
}

TEST(CollabStore, PreferencesUpsertPerKind) {
  testing::TempDatabase tdb;
  auto w = seed(tdb);
  tdb.db().write([&](Tx& tx) {
    notifications::set_email_preference(tx, w.owner, "mention", false);
    notifications::set_email_preference(tx, w.owner, "mention", true);
    notifications::set_email_preference(tx, w.owner, "reply", false);
  });
  tdb.db().read([&](Tx& tx) {
    auto prefs = notifications::email_preferences(tx, w.owner);
    EXPECT_EQ(prefs, (std::map<std::string, bool>{{"mention", true}, {"reply", false}}));
    EXPECT_TRUE(notifications::email_preferences(tx, w.other).empty());
  });
}

TEST(CollabStore, ThreadParticipantsAreTheLiveAuthorsOfTheThread) {
  testing::TempDatabase tdb;
  auto w = seed(tdb);
  comments::Comment root;
  root.id = new_id();
  root.org_id = w.org;
  root.document_id = w.document;
  root.author_id = w.owner;
  root.body = "Root";
  root.section = "";
  root.anchor_version = 1;
  tdb.db().write([&](Tx& tx) {
    comments::insert(tx, root);
    for (const auto& who : {w.reviewer, w.other}) {
      comments::Comment r = root;
      r.id = new_id();
      r.parent_id = root.id;
      r.author_id = who;
      r.section.reset();
      comments::insert(tx, r);
      if (who == w.other) comments::soft_delete(tx, r.id, 2);
    }
  });
  tdb.db().read([&](Tx& tx) {
    auto people = comments::thread_participants(tx, root.id);
    std::sort(people.begin(), people.end());
    std::vector<std::string> expected{w.owner, w.reviewer};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(people, expected);
    auto all = comments::list_for_document(tx, w.document);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].author_name, "Olga");
    EXPECT_EQ(all[0].section, std::optional<std::string>(""));
    EXPECT_TRUE(all[2].deleted_at.has_value());
  });
}

}  // namespace
}  // namespace prism::store
