// The trash in the store, on whichever backend TempDatabase is (PostgreSQL
// when PRISM_TEST_POSTGRES_URL is set): the listing and its cursor, restore,
// and the purge with everything that goes with a document.
#include "store/trash_store.hpp"

#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "store/documents_store.hpp"
#include "store/testing_db.hpp"

namespace prism::store::trash {
namespace {

constexpr std::string_view kInsertOrg =
    "INSERT INTO organizations (id, name, slug, created_at, updated_at) VALUES (?1, 'O', ?2, 1, 1)";
constexpr std::string_view kInsertProject =
    "INSERT INTO projects (id, org_id, name, key, created_by, created_at, updated_at)"
    " VALUES (?1, ?2, 'Checkout', 'CHK', ?3, 1, 1)";
constexpr std::string_view kInsertShare =
    "INSERT INTO document_shares (id, org_id, document_id, token_hash, created_by, created_at,"
    " expires_at, revoked_at) VALUES (?1, ?2, ?3, ?1, ?4, 1, ?5, ?6)";
constexpr std::string_view kInsertStory =
    "INSERT INTO stories (id, org_id, project_id, document_id, title, created_by, created_at,"
    " updated_at, number) VALUES (?1, ?2, ?3, ?4, 'S', ?5, 1, 1, 1)";

class TrashStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db().write([&](Tx& tx) {
      for (const auto* org : {&org_, &other_org_}) {
        tx.exec(kInsertOrg, {*org, "org-" + *org});
      }
      tx.exec(kInsertProject, {project_, org_, user_});
      tx.exec(kInsertProject, {other_project_, other_org_, user_});
    });
  }
  Database& db() { return tdb_.db(); }

  // A document with `versions` versions in `project`, deleted at
  // `deleted_at` when given.
  std::string document(const std::string& title, int versions,
                       std::optional<std::int64_t> deleted_at, const std::string* project = nullptr,
                       const std::string* org = nullptr) {
    std::string id = new_id();
    db().write([&](Tx& tx) {
      documents::insert_document(tx, {id, org ? *org : org_, project ? *project : project_, title,
                                      "draft", "", versions, user_, 1, 1});
      for (int v = 1; v <= versions; ++v) {
        documents::insert_version(
            tx, {id, v, title, "tundra text " + std::to_string(v), user_, {}, "human", {}, "", v});
      }
      if (deleted_at) documents::soft_delete_document(tx, id, user_, *deleted_at);
    });
    return id;
  }
  std::int64_t count(const std::string& sql, const std::vector<Value>& params = {}) {
    return db().read([&](Tx& tx) { return tx.query_one(sql, params)->i64(0); });
  }

  testing::TempDatabase tdb_;
  std::string user_ = tdb_.add_user(new_id() + "@example.com", "Ada");
  std::string org_ = new_id(), other_org_ = new_id();
  std::string project_ = new_id(), other_project_ = new_id();
};

TEST_F(TrashStoreTest, ListsTheOrganizationsTrashNewestDeletionFirstByCursor) {
  std::string live = document("Live", 1, std::nullopt);
  std::string a = document("A", 1, 100);
  std::string b = document("B", 1, 300);
  std::string c = document("C", 1, 300);  // same millisecond as B
  document("Elsewhere", 1, 200, &other_project_, &other_org_);
  db().write([&](Tx& tx) {
    tx.exec(kInsertShare, {new_id(), org_, b, user_, std::int64_t{5000}, nullptr});
    tx.exec(kInsertShare, {new_id(), org_, b, user_, std::int64_t{500}, nullptr});  // expired
    tx.exec(kInsertShare, {new_id(), org_, b, user_, std::int64_t{5000}, std::int64_t{2}});
  });

  auto page = db().read([&](Tx& tx) { return list(tx, org_, std::nullopt, 2, 1000); });
  ASSERT_EQ(page.size(), 2u);
  // Same deletion time: the larger id first (ids are time-ordered).
  EXPECT_EQ(page[0].id, std::max(b, c));
  EXPECT_EQ(page[1].id, std::min(b, c));
  const auto& with_shares = page[0].id == b ? page[0] : page[1];
  EXPECT_EQ(with_shares.share_links, 1) << "only the link that would work again";
  EXPECT_EQ(with_shares.deleted_by, user_);
  EXPECT_EQ(with_shares.deleted_by_name, "Ada");
  EXPECT_EQ(with_shares.project_key, "CHK");
  TrashCursor after{page[1].deleted_at, page[1].id};
  auto rest = db().read([&](Tx& tx) { return list(tx, org_, after, 2, 1000); });
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].id, a);
  (void)live;
}

TEST_F(TrashStoreTest, RestoreTakesADocumentOutOfTheTrashOnce) {
  std::string doc = document("Back", 3, 100);
  auto target = db().read([&](Tx& tx) { return find_restore_target(tx, user_, doc); });
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->deleted_at, 100);
  EXPECT_EQ(target->deleted_by, user_);
  EXPECT_FALSE(target->role.has_value()) << "the user is no member here";
  EXPECT_TRUE(db().write([&](Tx& tx) { return restore(tx, doc, 200); }));
  EXPECT_FALSE(db().write([&](Tx& tx) { return restore(tx, doc, 300); }));
  auto live = db().read([&](Tx& tx) { return documents::find_document(tx, doc); });
  ASSERT_TRUE(live.has_value());
  EXPECT_EQ(live->current_version, 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM document_versions WHERE document_id = ?1", {doc}), 3);
  EXPECT_TRUE(db().read([&](Tx& tx) { return list(tx, org_, std::nullopt, 10, 1000); }).empty());
}

TEST_F(TrashStoreTest, APurgeTakesTheVersionsSharesAndSearchEntryAndUnlinksStories) {
  std::string old = document("Old", 2, 100);
  std::string recent = document("Recent", 1, 900);
  std::string live = document("Live", 1, std::nullopt);
  db().write([&](Tx& tx) {
    tx.exec(kInsertShare, {new_id(), org_, old, user_, std::int64_t{5000}, nullptr});
    tx.exec(kInsertStory, {new_id(), org_, project_, old, user_});
  });
  EXPECT_EQ(db().read([&](Tx& tx) { return count_expired(tx, 500); }), 1);
  EXPECT_EQ(db().read([&](Tx& tx) { return count_expired_versions(tx, 500); }), 2);
  auto batch = db().read([&](Tx& tx) { return expired_batch(tx, 500, 10); });
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(batch[0].id, old);
  EXPECT_EQ(batch[0].versions, 2);
  EXPECT_EQ(batch[0].org_id, org_);

  EXPECT_TRUE(db().write([&](Tx& tx) { return purge(tx, old); }));
  EXPECT_FALSE(db().write([&](Tx& tx) { return purge(tx, live); })) << "live documents stay";
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents WHERE id = ?1", {old}), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM document_versions WHERE document_id = ?1", {old}), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM document_shares WHERE document_id = ?1", {old}), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM stories WHERE document_id IS NULL"), 1);
  // The index no longer holds it: restoring "Recent" finds only it and "Live".
  db().write([&](Tx& tx) { restore(tx, recent, 1000); });
  documents::ListFilter filter;
  filter.project_id = project_;
  filter.words = {"tundra"};
  auto found = db().read([&](Tx& tx) { return documents::list_documents(tx, filter); });
  EXPECT_EQ(found.size(), 2u);
  if (db().dialect() == Dialect::kSqlite) {
    EXPECT_EQ(count("SELECT COUNT(*) FROM documents_fts"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM document_search"), 2);
  }
}

}  // namespace
}  // namespace prism::store::trash
