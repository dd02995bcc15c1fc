// Search over documents behaves the same on every backend (SQLite's FTS5,
// PostgreSQL's GIN-indexed tsvector): every word must occur, the last one may
// be the start of a word, and case and diacritics do not matter. The store
// runs on PostgreSQL too when PRISM_TEST_POSTGRES_URL is set (TempDatabase).
#include <gtest/gtest.h>

#include <algorithm>

#include "core/ids.hpp"
#include "store/documents_store.hpp"
#include "store/orgs_store.hpp"
#include "store/projects_store.hpp"
#include "store/testing_db.hpp"

namespace prism::store {
namespace {

class DocumentsSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    user_ = db_.add_user("search@example.com");
    db_.db().write([&](Tx& tx) {
      orgs::insert_org(tx, orgs::Org{org_, "Org", "org", std::nullopt, std::nullopt, 1, 1});
      projects::insert(tx, projects::Project{project_, org_, "P", "PRJ", "", user_, 1, 1});
    });
  }
  void add(const std::string& title, const std::string& content) {
    std::string id = new_id();
    db_.db().write([&](Tx& tx) {
      documents::insert_document(
          tx, documents::Document{id, org_, project_, title, "draft", "", 1, user_, 1, 1});
      documents::Version v;
      v.document_id = id;
      v.version = 1;
      v.title = title;
      v.content = content;
      v.author_id = user_;
      v.source = "human";
      v.created_at = 1;
      documents::insert_version(tx, v);
    });
  }
  std::vector<std::string> search(std::vector<std::string> words) {
    documents::ListFilter f;
    f.project_id = project_;
    f.words = std::move(words);
    std::vector<std::string> titles;
    for (auto& d : db_.db().read([&](Tx& tx) { return documents::list_documents(tx, f); })) {
      titles.push_back(d.title);
    }
    std::sort(titles.begin(), titles.end());
    return titles;
  }

  testing::TempDatabase db_;
  std::string user_;
  std::string org_ = new_id();
  std::string project_ = new_id();
};

TEST_F(DocumentsSearchTest, AllWordsThePrefixOfTheLastCaseAndDiacriticsIgnored) {
  add("Crème brûlée launch", "A dessert plan for the Zürich office.");
  add("Refunds", "The refund policy for card payments.");
  using V = std::vector<std::string>;
  EXPECT_EQ(search({"creme"}), V{"Crème brûlée launch"});
  EXPECT_EQ(search({"BRULEE", "zur"}), V{"Crème brûlée launch"});
  EXPECT_EQ(search({"zürich"}), V{"Crème brûlée launch"});
  EXPECT_EQ(search({"refund"}), V{"Refunds"});  // "refund" and a prefix of "Refunds"
  EXPECT_EQ(search({"refunds", "pol"}), V{"Refunds"});
  EXPECT_TRUE(search({"refun", "policy"}).empty()) << "a word before the last is a whole word";
  EXPECT_TRUE(search({"pol", "refunds"}).empty()) << "only the last word is a prefix";
  EXPECT_TRUE(search({"refund", "dessert"}).empty()) << "every word must occur";
  EXPECT_TRUE(search({"kubernetes"}).empty());
  EXPECT_TRUE(search({"it's"}).empty()) << "a quote in a word is not query syntax";
}

// Text with letters to fold and text with none (only ASCII, dashes and
// quotes) take different paths through PostgreSQL's prism_search_fold
// (migration 0010); both must find the same words.
TEST_F(DocumentsSearchTest, TextWithAndWithoutLettersToFoldIsFoundAlike) {
  add("Rollout — phase ‘one’", "Canary first, then EVERY region.");
  add("Économie plan", "Çelik and Ñandú ship the ÉTÉ release.");
  using V = std::vector<std::string>;
  EXPECT_EQ(search({"rollout", "PHASE"}), V{"Rollout — phase ‘one’"});
  EXPECT_EQ(search({"every", "region"}), V{"Rollout — phase ‘one’"});
  EXPECT_EQ(search({"economie"}), V{"Économie plan"});
  EXPECT_EQ(search({"celik", "nandu", "ete"}), V{"Économie plan"});
  EXPECT_EQ(search({"ÉTÉ"}), V{"Économie plan"});
}

}  // namespace
}  // namespace prism::store
