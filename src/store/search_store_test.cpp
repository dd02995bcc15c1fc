// Search everywhere in the store, on whichever backend TempDatabase is
// (PostgreSQL when PRISM_TEST_POSTGRES_URL is set): one organization's live
// documents and stories, title matches first, the stories' index kept by
// triggers and built by migration 15 for the stories already there.
#include "store/search_store.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/ids.hpp"
#include "store/documents_store.hpp"
#include "store/migrations.hpp"
#include "store/stories_store.hpp"
#include "store/testing_db.hpp"

namespace prism::store::search {
namespace {

constexpr std::string_view kInsertOrg =
    "INSERT INTO organizations (id, name, slug, created_at, updated_at) VALUES (?1, 'O', ?2, 1, 1)";
constexpr std::string_view kInsertProject =
    "INSERT INTO projects (id, org_id, name, key, created_by, created_at, updated_at)"
    " VALUES (?1, ?2, 'Checkout', ?3, ?4, 1, 1)";
// As the schema before migration 15 took a story (no search column).
constexpr std::string_view kInsertStory =
    "INSERT INTO stories (id, org_id, project_id, title, i_want, acceptance_criteria, created_by,"
    " created_at, updated_at, number) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'u', 1, 1, ?7)";

struct Tenant {
  std::string org = new_id(), project = new_id();
};

class SearchStoreTest : public ::testing::Test {
 protected:
  explicit SearchStoreTest(std::optional<int> up_to = std::nullopt) : tdb_(up_to) {}
  void SetUp() override {
    db().write([&](Tx& tx) {
      for (const auto* t : {&a_, &b_}) {
        tx.exec(kInsertOrg, {t->org, "org-" + t->org});
        tx.exec(kInsertProject, {t->project, t->org, t == &a_ ? "CHK" : "OTH", user_});
      }
    });
  }
  Database& db() { return tdb_.db(); }

  std::string document(const Tenant& t, const std::string& title, const std::string& content) {
    std::string id = new_id();
    db().write([&](Tx& tx) {
      documents::insert_document(tx, {id, t.org, t.project, title, "draft", "", 1, user_, 1, 1});
      documents::insert_version(tx, {id, 1, title, content, user_, {}, "human", {}, "", 1});
    });
    return id;
  }
  std::string story(const Tenant& t, const std::string& title, const std::string& i_want,
                    const std::string& criteria_json) {
    std::string id = new_id();
    db().write([&](Tx& tx) {
      tx.exec(kInsertStory, {id, t.org, t.project, title, i_want, criteria_json, ++number_});
    });
    return id;
  }
  static std::vector<std::string> ids(const std::vector<Hit>& hits) {
    std::vector<std::string> out;
    for (const auto& h : hits) out.push_back(h.id);
    return out;
  }
  std::vector<Hit> find_documents(const Tenant& t, std::vector<std::string> words, int limit = 10) {
    return db().read([&](Tx& tx) { return documents(tx, t.org, words, limit); });
  }
  std::vector<Hit> find_stories(const Tenant& t, std::vector<std::string> words, int limit = 10) {
    return db().read([&](Tx& tx) { return stories(tx, t.org, words, limit); });
  }

  testing::TempDatabase tdb_;
  std::string user_ = tdb_.add_user(new_id() + "@example.com");
  Tenant a_, b_;
  std::int64_t number_ = 0;
};

TEST_F(SearchStoreTest, DocumentsOfTheOrganizationTitleMatchesFirst) {
  std::string body1 = document(a_, "Payments", "The refund window and the refund desk and refunds");
  std::string title = document(a_, "Refund policy", "Money back.");
  std::string body2 = document(a_, "Ledger", "refund");
  document(b_, "Refund elsewhere", "refund refund");
  auto hits = find_documents(a_, {"refund"});
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].id, title);
  EXPECT_TRUE(hits[0].in_title);
  EXPECT_FALSE(hits[1].in_title);
  EXPECT_FALSE(hits[2].in_title);
  EXPECT_GE(hits[1].score, hits[2].score);
  EXPECT_EQ(hits[0].project_key, "CHK");
  EXPECT_TRUE(hits[0].body.empty()) << "bodies are read for the results shown only";
  EXPECT_EQ(find_documents(a_, {"refund"}, 1).size(), 1u);
  EXPECT_EQ(ids(find_documents(a_, {"money", "ba"})), std::vector<std::string>{title})
      << "every word, the last as a prefix";
  (void)body1;
  (void)body2;

  std::vector<Hit> shown = find_documents(a_, {"refund"});
  db().read([&](Tx& tx) { body_texts(tx, shown); });
  EXPECT_EQ(shown[0].body, "Money back.");
}

TEST_F(SearchStoreTest, TrashedDocumentsAndDeletedProjectsAreLeftOut) {
  std::string doc = document(a_, "Tundra", "snow");
  db().write([&](Tx& tx) { documents::soft_delete_document(tx, doc, user_, 5); });
  EXPECT_TRUE(find_documents(a_, {"tundra"}).empty());
  db().write([&](Tx& tx) {
    tx.exec("UPDATE documents SET deleted_at = NULL WHERE id = ?1", {doc});
    tx.exec("UPDATE projects SET deleted_at = 9 WHERE id = ?1", {a_.project});
  });
  EXPECT_TRUE(find_documents(a_, {"tundra"}).empty());
}

TEST_F(SearchStoreTest, ABodyIsReadOnlyUpToItsBound) {
  std::string big = "needle " + std::string(kMaxBodyChars + 500, 'x');
  document(a_, "Big", big);
  auto hits = find_documents(a_, {"needle"});
  ASSERT_EQ(hits.size(), 1u);
  db().read([&](Tx& tx) { body_texts(tx, hits); });
  EXPECT_EQ(hits[0].body.size(), static_cast<std::size_t>(kMaxBodyChars));
}

TEST_F(SearchStoreTest, StoriesAreIndexedByTitleWantAndCriteriaAndKeptInStep) {
  std::string s = story(a_, "Refund by card", "to get my money back",
                        R"(["Given a paid order","When I ask Then the ledger shows it"])");
  story(b_, "Refund elsewhere", "", "[]");
  EXPECT_EQ(ids(find_stories(a_, {"refund"})), std::vector<std::string>{s});
  EXPECT_TRUE(find_stories(a_, {"refund"})[0].in_title);
  EXPECT_EQ(ids(find_stories(a_, {"money"})), std::vector<std::string>{s});
  auto by_criteria = find_stories(a_, {"ledger"});
  ASSERT_EQ(by_criteria.size(), 1u);
  EXPECT_FALSE(by_criteria[0].in_title);
  EXPECT_EQ(by_criteria[0].body,
            "to get my money back\nGiven a paid order\nWhen I ask Then the ledger shows it");

  db().write([&](Tx& tx) {
    tx.exec(
        "UPDATE stories SET title = 'Chargebacks', acceptance_criteria = '[\"tundra\"]'"
        " WHERE id = ?1",
        {s});
  });
  EXPECT_TRUE(find_stories(a_, {"refund"}).empty()) << "the old title is no longer indexed";
  EXPECT_TRUE(find_stories(a_, {"ledger"}).empty());
  EXPECT_EQ(ids(find_stories(a_, {"tundra"})), std::vector<std::string>{s});
  db().write([&](Tx& tx) { tx.exec("UPDATE stories SET deleted_at = 3 WHERE id = ?1", {s}); });
  EXPECT_TRUE(find_stories(a_, {"tundra"}).empty()) << "deleted stories are not found";
  db().write([&](Tx& tx) { tx.exec("DELETE FROM stories WHERE id = ?1", {s}); });
  if (db().dialect() == Dialect::kSqlite) {
    EXPECT_EQ(
        db().read([&](Tx& tx) { return tx.query_one("SELECT COUNT(*) FROM stories_fts")->i64(0); }),
        1)
        << "a removed story leaves the index";
  }
}

TEST_F(SearchStoreTest, AStoryKeyFindsTheLiveStoryOfThatProject) {
  std::string first = story(a_, "First", "", "[]");
  std::string second = story(a_, "Second", "", "[]");
  auto hit = db().read([&](Tx& tx) { return story_by_key(tx, a_.org, "CHK", 2); });
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->id, second);
  EXPECT_EQ(hit->number, 2);
  EXPECT_FALSE(db().read([&](Tx& tx) { return story_by_key(tx, b_.org, "CHK", 2); }))
      << "another organization's key";
  (void)first;
}

// Stories that existed before migration 15 are indexed by it.
class SearchStoreMigrationTest : public SearchStoreTest {
 protected:
  SearchStoreMigrationTest() : SearchStoreTest(13) {}
};

TEST_F(SearchStoreMigrationTest, TheMigrationIndexesTheStoriesItFinds) {
  std::string s = story(a_, "Glacier alerts", "warnings", R"(["crevasse ahead"])");
  std::string malformed = story(a_, "Broken criteria", "", "not json moraine");
  migrate(db());
  EXPECT_EQ(ids(find_stories(a_, {"glacier"})), std::vector<std::string>{s});
  EXPECT_EQ(ids(find_stories(a_, {"crevasse"})), std::vector<std::string>{s});
  EXPECT_EQ(ids(find_stories(a_, {"moraine"})), std::vector<std::string>{malformed})
      << "criteria that are not JSON are indexed as text";
}

}  // namespace
}  // namespace prism::store::search
