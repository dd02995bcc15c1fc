#include "services/documents/documents_service.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <limits>
#include <thread>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "services/documents/document_shares_service.hpp"
#include "store/migrations.hpp"

namespace prism::services {
namespace {

// A real SQLite database with two organizations: `owner` and `viewer` belong
// to the first, `stranger` owns the second.
class DocumentsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    crypto::init();
    open_seeded(std::numeric_limits<int>::max());
  }
  void TearDown() override { close_and_remove(); }

  // A new database migrated up to `version`, with the fixture's data.
  void open_seeded(int version) {
    path_ = std::filesystem::temp_directory_path() / ("prism-docs-" + new_id() + ".db");
    db_ = store::open_database("sqlite:" + path_.string());
    auto migrations = store::migrations_for(store::Dialect::kSqlite);
    std::erase_if(migrations, [&](const store::Migration& m) { return m.version > version; });
    store::migrate(*db_, migrations);
    org_ = seed_org("Acme", {{owner_.user_id, "owner"}, {viewer_.user_id, "viewer"}});
    project_ = seed_project(org_);
    other_org_ = seed_org("Other", {{stranger_.user_id, "owner"}});
  }
  void close_and_remove() {
    db_.reset();
    std::filesystem::remove(path_);
    std::filesystem::remove(path_.string() + "-wal");
    std::filesystem::remove(path_.string() + "-shm");
  }
  std::int64_t count(const std::string& sql, const std::vector<store::Value>& params = {}) {
    return db_->read([&](store::Tx& tx) { return tx.query_one(sql, params)->i64(0); });
  }
  std::vector<std::string> search(DocumentsService& svc, const std::string& q) {
    std::vector<std::string> out;
    for (const auto& d : svc.list(owner_, project_, {{}, q, 50, {}})) out.push_back(d.id);
    return out;
  }

  // Fixture data only: the services under test never see this SQL.
  std::string seed_org(const std::string& name,
                       std::vector<std::pair<std::string, std::string>> members) {
    std::string id = new_id();
    db_->write([&](store::Tx& tx) {
      tx.exec(
          "INSERT INTO organizations (id, name, slug, created_at, updated_at)"
          " VALUES (?1, ?2, ?1, 0, 0)",
          {id, name});
      for (const auto& [user, role] : members) {
        tx.exec(
            "INSERT OR IGNORE INTO users (id, email, name, password_hash,"
            " password_changed_at, created_at, updated_at) VALUES (?1, ?1, ?2, '', 0, 0, 0)",
            {user, std::string("User ") + role});
        tx.exec(
            "INSERT INTO memberships (org_id, user_id, role, created_at)"
            " VALUES (?1, ?2, ?3, 0)",
            {id, user, role});
      }
    });
    return id;
  }
  std::string seed_project(const std::string& org) {
    std::string id = new_id();
    db_->write([&](store::Tx& tx) {
      tx.exec(
          "INSERT INTO projects (id, org_id, name, key, created_by, created_at, updated_at)"
          " VALUES (?1, ?2, 'Web', 'WEB', 'x', 0, 0)",
          {id, org});
    });
    return id;
  }
  std::int64_t audit_count(const std::string& action) {
    return db_->read([&](store::Tx& tx) {
      return tx.query_one("SELECT COUNT(*) FROM audit_log WHERE action = ?1", {action})->i64(0);
    });
  }

  static NewDocument new_doc(std::string title, std::optional<std::string> content) {
    NewDocument d;
    d.title = std::move(title);
    d.content = std::move(content);
    return d;
  }

  template <typename F>
  ErrorCode error_of(F&& f) {
    try {
      f();
    } catch (const Error& e) {
      return e.code();
    }
    ADD_FAILURE() << "expected an error";
    return ErrorCode::kInternal;
  }

  std::filesystem::path path_;
  std::unique_ptr<store::Database> db_;
  Caller owner_{new_id(), "127.0.0.1"};
  Caller viewer_{new_id(), "127.0.0.1"};
  Caller stranger_{new_id(), "127.0.0.1"};
  std::string org_, project_, other_org_;
};

TEST_F(DocumentsServiceTest, EveryEditIsANewVersionAndStaleEditsAreRefused) {
  DocumentsService svc(*db_);
  auto doc = svc.create(owner_, project_, new_doc("  Checkout PRD ", "## Problem\nslow\n"));
  EXPECT_EQ(doc.document.title, "Checkout PRD");
  EXPECT_EQ(doc.document.current_version, 1);
  EXPECT_EQ(doc.version.summary, "Created");

  auto v2 =
      svc.update(owner_, doc.document.id, 1, {{}, "## Problem\nvery slow\n## Risks\nx\n", {}});
  EXPECT_EQ(v2.document.current_version, 2);
  EXPECT_EQ(v2.version.summary, "Edited Problem; added Risks");
  EXPECT_EQ(v2.version.author_name, "User owner");

  EXPECT_EQ(error_of([&] {
              svc.update(owner_, doc.document.id, 1, {"New", {}, {}});
            }),
            ErrorCode::kPreconditionFailed);
  auto same =
      svc.update(owner_, doc.document.id, 2, {{}, "## Problem\nvery slow\n## Risks\nx\n", {}});
  EXPECT_EQ(same.document.current_version, 2);  // nothing changed: no new version

  auto v3 = svc.update(owner_, doc.document.id, 2, {"Checkout", {}, {}});
  EXPECT_EQ(v3.version.summary, "Renamed to \u201cCheckout\u201d");
  EXPECT_EQ(svc.version(owner_, doc.document.id, 1).content, "## Problem\nslow\n");
  auto versions = svc.versions(owner_, doc.document.id, std::nullopt, 2);
  ASSERT_EQ(versions.size(), 3u);  // limit + 1
  EXPECT_EQ(versions[0].version, 3);
  EXPECT_TRUE(versions[0].content.empty());
}

TEST_F(DocumentsServiceTest, ConcurrentEditsOfOneVersionLetExactlyOneWin) {
  DocumentsService svc(*db_);
  auto doc = svc.create(owner_, project_, new_doc("Race", "start\n"));
  std::atomic<int> wins{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      try {
        svc.update(owner_, doc.document.id, 1, {{}, "writer " + std::to_string(i) + "\n", {}});
        ++wins;
      } catch (const Error& e) {
        if (e.code() == ErrorCode::kPreconditionFailed) ++conflicts;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wins.load(), 1);
  EXPECT_EQ(conflicts.load(), 7);
  EXPECT_EQ(svc.get(owner_, doc.document.id).document.current_version, 2);
}

TEST_F(DocumentsServiceTest, RolesAndTenantsAreEnforced) {
  DocumentsService svc(*db_);
  auto id = svc.create(owner_, project_, new_doc("Doc", "x\n")).document.id;
  EXPECT_EQ(svc.get(viewer_, id).document.id, id);
  EXPECT_EQ(error_of([&] { svc.update(viewer_, id, 1, {"T", {}, {}}); }), ErrorCode::kForbidden);
  EXPECT_EQ(error_of([&] { svc.create(viewer_, project_, new_doc("T", std::nullopt)); }),
            ErrorCode::kForbidden);
  EXPECT_EQ(error_of([&] { svc.remove(viewer_, id, std::nullopt); }), ErrorCode::kForbidden);
  EXPECT_EQ(error_of([&] { svc.get(stranger_, id); }), ErrorCode::kNotFound);
  EXPECT_EQ(error_of([&] { svc.diff(stranger_, id, {}, {}); }), ErrorCode::kNotFound);
  EXPECT_EQ(error_of([&] { svc.list(stranger_, project_, {}); }), ErrorCode::kNotFound);
  svc.remove(owner_, id, std::nullopt);
  EXPECT_EQ(error_of([&] { svc.get(owner_, id); }), ErrorCode::kNotFound);
  EXPECT_EQ(audit_count("document.deleted"), 1);
}

TEST_F(DocumentsServiceTest, ALiveDocumentWithoutItsCurrentVersionIsAnInternalError) {
  DocumentsService svc(*db_);
  auto id = svc.create(owner_, project_, new_doc("Doc", "x\n")).document.id;
  db_->write([&](store::Tx& tx) {
    tx.exec("UPDATE documents SET current_version = 7 WHERE id = ?1", {id});
  });
  // Only to someone who may see it; everyone else still gets a 404.
  EXPECT_EQ(error_of([&] { svc.get(viewer_, id); }), ErrorCode::kInternal);
  EXPECT_EQ(error_of([&] { svc.get(stranger_, id); }), ErrorCode::kNotFound);
}

TEST_F(DocumentsServiceTest, StatusFollowsTheWorkflowAndIsAudited) {
  DocumentsService svc(*db_);
  auto id = svc.create(owner_, project_, new_doc("Doc", "x\n")).document.id;
  EXPECT_EQ(error_of([&] {
              svc.update(owner_, id, 1, {{}, {}, "approved"});
            }),
            ErrorCode::kConflict);
  EXPECT_EQ(error_of([&] {
              svc.update(owner_, id, 1, {{}, {}, "done"});
            }),
            ErrorCode::kValidationFailed);
  auto s = svc.update(owner_, id, 1, {{}, {}, "in_review"});
  EXPECT_EQ(s.document.status, "in_review");
  EXPECT_EQ(s.document.current_version, 1);  // status is not content: no new version
  // Approval comes from reviews unless the organization needs none.
  try {
    svc.update(owner_, id, 1, {{}, {}, "approved"});
    ADD_FAILURE() << "approved without review";
  } catch (const Error& e) {
    EXPECT_EQ(e.machine_code, "approval_required");
  }
  db_->write([&](store::Tx& tx) {
    tx.exec("UPDATE organizations SET required_approvals = 0 WHERE id = ?1", {org_});
  });
  EXPECT_EQ(svc.update(owner_, id, 1, {{}, {}, "approved"}).document.status, "approved");
  // A new version of an approved document goes back to review.
  auto edited = svc.update(owner_, id, 1, {{}, std::string("y\n"), {}});
  EXPECT_EQ(edited.document.current_version, 2);
  EXPECT_EQ(edited.document.status, "in_review");
  EXPECT_EQ(svc.update(owner_, id, 2, {{}, {}, "draft"}).document.status, "draft");
  EXPECT_EQ(audit_count("document.status_changed"), 3);
}

TEST_F(DocumentsServiceTest, SearchFindsWordsInCurrentContentOnly) {
  DocumentsService svc(*db_);
  auto a = svc.create(owner_, project_, new_doc("Payments", "## Problem\nRefunds take days\n"));
  svc.create(owner_, project_, new_doc("Search", "## Problem\nNobody finds anything\n"));
  auto ids = [&](const std::string& q) {
    std::vector<std::string> out;
    for (const auto& d : svc.list(owner_, project_, {{}, q, 50, {}})) out.push_back(d.id);
    return out;
  };
  EXPECT_EQ(ids("refunds"), std::vector<std::string>{a.document.id});
  EXPECT_EQ(ids("REFUND"), std::vector<std::string>{a.document.id});  // last word is a prefix
  EXPECT_EQ(ids("payments days"), std::vector<std::string>{a.document.id});
  EXPECT_TRUE(ids("refunds nobody").empty());
  EXPECT_EQ(ids("\"refunds\" OR *").size(), 0u);  // query syntax is not interpreted
  svc.update(owner_, a.document.id, 1, {{}, "## Problem\nChargebacks\n", {}});
  EXPECT_TRUE(ids("refunds").empty());
  EXPECT_EQ(ids("chargebacks").size(), 1u);
  EXPECT_EQ(error_of([&] { ids("!!!"); }), ErrorCode::kValidationFailed);
  EXPECT_EQ(svc.list(owner_, project_, {"draft", {}, 1, {}}).size(), 2u);  // limit + 1
  EXPECT_TRUE(svc.list(owner_, project_, {"approved", {}, 50, {}}).empty());
}

TEST_F(DocumentsServiceTest, EachDocumentKeepsExactlyOneSearchRowFoundByItsRowid) {
  DocumentsService svc(*db_);
  auto a = svc.create(owner_, project_, new_doc("Payments", "## Problem\nRefunds take days\n"));
  auto b = svc.create(owner_, project_, new_doc("Search", "## Problem\nNobody finds anything\n"));
  svc.update(owner_, a.document.id, 1, {{}, "## Problem\nChargebacks\n", {}});
  svc.update(owner_, a.document.id, 2, {"Disputes", "## Problem\nChargebacks pile up\n", {}});
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents_fts"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents_fts WHERE rowid ="
                  " (SELECT id FROM document_search WHERE document_id = ?1) AND title = 'Disputes'",
                  {a.document.id}),
            1);
  EXPECT_EQ(search(svc, "disputes pile"), std::vector<std::string>{a.document.id});
  EXPECT_TRUE(search(svc, "refunds").empty());
  EXPECT_TRUE(search(svc, "payments").empty());
  EXPECT_EQ(search(svc, "nobody"), std::vector<std::string>{b.document.id});
}

TEST_F(DocumentsServiceTest, MigrationFourRebuildsTheSearchIndexOfExistingDocuments) {
  close_and_remove();
  open_seeded(3);
  std::string a, b;
  {
    DocumentsService svc(*db_);
    a = svc.create(owner_, project_, new_doc("Payments", "## Problem\nRefunds take days\n"))
            .document.id;
    b = svc.create(owner_, project_, new_doc("Search", "## Problem\nNobody finds anything\n"))
            .document.id;
    svc.update(owner_, a, 1, {{}, "## Problem\nChargebacks\n", {}});
  }
  store::migrate(*db_);
  DocumentsService svc(*db_);
  EXPECT_EQ(count("SELECT COUNT(*) FROM document_search"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents_fts"), 2);
  EXPECT_EQ(search(svc, "chargebacks"), std::vector<std::string>{a});
  EXPECT_TRUE(search(svc, "refunds").empty());
  svc.update(owner_, b, 1, {{}, "## Problem\nEveryone finds everything\n", {}});
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents_fts"), 2);
  EXPECT_EQ(search(svc, "everyone"), std::vector<std::string>{b});
  EXPECT_TRUE(search(svc, "nobody").empty());
}

TEST_F(DocumentsServiceTest, RestoreAndDiff) {
  DocumentsService svc(*db_);
  auto id = svc.create(owner_, project_, new_doc("Doc", "## A\none\n")).document.id;
  svc.update(owner_, id, 1, {{}, "## A\ntwo\n", {}});
  auto r = svc.restore(owner_, id, 1, std::nullopt);
  EXPECT_EQ(r.document.current_version, 3);
  EXPECT_EQ(r.version.content, "## A\none\n");
  EXPECT_EQ(r.version.summary, "Restored version 1");
  auto d = svc.diff(owner_, id, std::nullopt, std::nullopt);
  EXPECT_EQ(d.from, 2);
  EXPECT_EQ(d.to, 3);
  EXPECT_EQ(d.diff.unified, "--- v2\n+++ v3\n@@ -1,2 +1,2 @@\n ## A\n-two\n+one\n");
  EXPECT_EQ(error_of([&] { svc.diff(owner_, id, 1, 9); }), ErrorCode::kNotFound);
  EXPECT_EQ(error_of([&] { svc.restore(owner_, id, 1, 2); }), ErrorCode::kPreconditionFailed);
}

TEST_F(DocumentsServiceTest, GeneratedTextIsCommittedAsAnAiVersion) {
  DocumentsService svc(*db_);
  auto doc = svc.create(owner_, project_, {"PRD", "## Goals\nold\n", {}, "gen-1"});
  EXPECT_EQ(doc.version.source, "ai");
  EXPECT_EQ(doc.version.generation_id, "gen-1");
  NewVersion v{"PRD", "## Goals\nnew\n", "", std::nullopt, "ai", "gen-2", ""};
  auto next = svc.commit_version(owner_, doc.document.id, 1, v);
  EXPECT_EQ(next.document.current_version, 2);
  EXPECT_EQ(next.document.status, "draft");
  EXPECT_EQ(next.version.summary, "Edited Goals");
  EXPECT_EQ(next.version.author_id, owner_.user_id);
  auto stored = svc.version(owner_, doc.document.id, 2);
  EXPECT_EQ(stored.source, "ai");
  EXPECT_EQ(stored.generation_id, "gen-2");
  // A proposal based on version 1 cannot overwrite version 2.
  EXPECT_EQ(error_of([&] { svc.commit_version(owner_, doc.document.id, 1, v); }),
            ErrorCode::kPreconditionFailed);
  EXPECT_EQ(error_of([&] { svc.commit_version(viewer_, doc.document.id, 2, v); }),
            ErrorCode::kForbidden);
}

TEST_F(DocumentsServiceTest, ContentOverOneMebibyteIsTooLarge) {
  DocumentsService svc(*db_);
  std::string big(kMaxDocumentBytes + 1, 'x');
  EXPECT_EQ(error_of([&] { svc.create(owner_, project_, new_doc("Big", big)); }),
            ErrorCode::kPayloadTooLarge);
  big.pop_back();
  EXPECT_EQ(svc.create(owner_, project_, new_doc("Big", big)).version.content.size(),
            kMaxDocumentBytes);
}

TEST_F(DocumentsServiceTest, SharesExpireAndRevoke) {
  DocumentsService docs(*db_);
  DocumentSharesService shares(*db_, "https://prism.example/");
  auto id = docs.create(owner_, project_, new_doc("Doc", "[x](javascript:y) **hi**\n")).document.id;
  auto share = shares.create(owner_, id, {2, std::nullopt});
  EXPECT_EQ(share.url, "https://prism.example/shared/" + share.token);
  auto seen = shares.open(share.token);
  EXPECT_EQ(seen.title, "Doc");
  EXPECT_EQ(*seen.html, "<p>x <strong>hi</strong></p>\n");
  EXPECT_EQ(shares.list(viewer_, id).size(), 1u);
  EXPECT_EQ(error_of([&] { shares.create(viewer_, id, {}); }), ErrorCode::kForbidden);
  EXPECT_EQ(error_of([&] { shares.revoke(stranger_, share.share.id); }), ErrorCode::kNotFound);
  EXPECT_EQ(error_of([&] { shares.create(owner_, id, {1, 1}); }), ErrorCode::kValidationFailed);

  db_->write([&](store::Tx& tx) {  // let the link run out
    tx.exec("UPDATE document_shares SET expires_at = 1 WHERE id = ?1", {share.share.id});
  });
  EXPECT_EQ(error_of([&] { shares.open(share.token); }), ErrorCode::kGone);
  EXPECT_TRUE(shares.list(owner_, id).empty());

  auto second = shares.create(owner_, id, {});
  shares.revoke(owner_, second.share.id);
  EXPECT_EQ(error_of([&] { shares.open(second.token); }), ErrorCode::kNotFound);
  EXPECT_EQ(error_of([&] { shares.revoke(owner_, second.share.id); }), ErrorCode::kNotFound);
  auto third = shares.create(owner_, id, {});
  docs.remove(owner_, id, std::nullopt);
  EXPECT_EQ(error_of([&] { shares.open(third.token); }), ErrorCode::kNotFound);
  EXPECT_EQ(error_of([&] { shares.open("not-a-token"); }), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace prism::services
