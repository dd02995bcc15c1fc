// prism cleanup and its daily run, on the real schema (SQLite, and
// PostgreSQL when PRISM_TEST_POSTGRES_URL is set): what has expired goes,
// what still works and every document stays, and the daily run happens once
// a day however many instances ask.
#include "services/operations/cleanup.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "services/documents/documents_service.hpp"
#include "services/orgs/projects_service.hpp"
#include "services/orgs/testing_orgs.hpp"
#include "services/stories/stories_service.hpp"

namespace prism::services::operations {
namespace {

constexpr std::int64_t kDay = 24LL * 3600 * 1000;
// Now, so that what the services wrote while setting up (audit entries of
// the organization and the document) is recent.
const std::int64_t kNow = now_unix_ms();

class CleanupTest : public ::testing::Test, protected testing::TwoOrgs {
 protected:
  void SetUp() override {
    std::string project = ProjectsService(tdb.db()).create(as_owner, org_a, {"Web", "WEB", ""}).id;
    document = DocumentsService(tdb.db())
                   .create(as_owner, project, {"PRD", "## Goals\n", {}, {}})
                   .document.id;
    tdb.db().write([&](store::Tx& tx) {
      // Sessions: live, expired two days ago (with a refresh token), revoked
      // two days ago, revoked an hour ago (kept a day).
      session(tx, "live", kNow + kDay, std::nullopt);
      session(tx, "expired", kNow - 2 * kDay, std::nullopt);
      tx.exec(
          "INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES ('r1', ?1, 1)",
          {std::string("expired")});
      session(tx, "revoked", kNow + kDay, kNow - 2 * kDay);
      session(tx, "just-revoked", kNow + kDay, kNow - 3600 * 1000);
      // E-mail tokens: live, expired, used long ago.
      email_token(tx, "t-live", kNow + kDay, std::nullopt);
      email_token(tx, "t-expired", kNow - 2 * kDay, std::nullopt);
      email_token(tx, "t-used", kNow + kDay, kNow - 2 * kDay);
      // Invitations: pending, expired, expired but accepted (history), revoked.
      invitation(tx, "i-pending", kNow + kDay, std::nullopt, std::nullopt);
      invitation(tx, "i-expired", kNow - 2 * kDay, std::nullopt, std::nullopt);
      invitation(tx, "i-accepted", kNow - 2 * kDay, kNow - 3 * kDay, std::nullopt);
      invitation(tx, "i-revoked", kNow + kDay, std::nullopt, kNow - 2 * kDay);
      // Share links: live, expired, revoked.
      share(tx, "s-live", kNow + kDay, std::nullopt);
      share(tx, "s-expired", kNow - 2 * kDay, std::nullopt);
      share(tx, "s-revoked", kNow + kDay, kNow - 2 * kDay);
      // Audit entries 100 days and 1 day old.
      audit(tx, kNow - 100 * kDay);
      audit(tx, kNow - kDay);
    });
  }
  void session(store::Tx& tx, const std::string& id, std::int64_t expires,
               std::optional<std::int64_t> revoked) {
    tx.exec(
        "INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, revoked_at)"
        " VALUES (?1, ?2, 1, 1, ?3, ?4)",
        {id, owner, expires, store::opt(revoked)});
  }
  void email_token(store::Tx& tx, const std::string& hash, std::int64_t expires,
                   std::optional<std::int64_t> used) {
    tx.exec(
        "INSERT INTO email_tokens (token_hash, user_id, purpose, created_at, expires_at, used_at)"
        " VALUES (?1, ?2, 'reset', 1, ?3, ?4)",
        {hash, owner, expires, store::opt(used)});
  }
  void invitation(store::Tx& tx, const std::string& id, std::int64_t expires,
                  std::optional<std::int64_t> accepted, std::optional<std::int64_t> revoked) {
    tx.exec(
        "INSERT INTO invitations (id, org_id, email, role, token_hash, invited_by, created_at,"
        " expires_at, accepted_at, revoked_at) VALUES (?1, ?2, 'x@example.com', 'member', ?1, ?3,"
        " 1, ?4, ?5, ?6)",
        {id, org_a, owner, expires, store::opt(accepted), store::opt(revoked)});
  }
  void share(store::Tx& tx, const std::string& id, std::int64_t expires,
             std::optional<std::int64_t> revoked) {
    tx.exec(
        "INSERT INTO document_shares (id, org_id, document_id, token_hash, created_by, created_at,"
        " expires_at, revoked_at) VALUES (?1, ?2, ?3, ?1, ?4, 1, ?5, ?6)",
        {id, org_a, document, owner, expires, store::opt(revoked)});
  }
  void audit(store::Tx& tx, std::int64_t at) {
    tx.exec(
        "INSERT INTO audit_log (id, org_id, action, created_at) VALUES (?1, ?2, 'test.event', ?3)",
        {new_id(), org_a, at});
  }
  std::vector<std::string> ids(const std::string& sql) {
    std::vector<std::string> out;
    tdb.db().read([&](store::Tx& tx) {
      for (auto& r : tx.query(sql)) out.push_back(r.str(0));
    });
    std::sort(out.begin(), out.end());
    return out;
  }
  std::int64_t count(const std::string& sql) {
    return tdb.db().read([&](store::Tx& tx) { return tx.query_one(sql)->i64(0); });
  }
  std::int64_t rows_of(const CleanupReport& r, std::string_view prefix) {
    for (const auto& item : r.items) {
      if (item.what.rfind(prefix, 0) == 0) return item.rows;
    }
    return -1;
  }

  void share(store::Database& db, const std::string& id, std::int64_t expires) {
    db.write([&](store::Tx& tx) {
      tx.exec(
          "INSERT INTO document_shares (id, org_id, document_id, token_hash, created_by,"
          " created_at, expires_at) SELECT ?1, org_id, id, ?1, ?2, 1, ?3 FROM documents"
          " WHERE title = 'Tundra plan'",
          {id, owner, expires});
    });
  }

  std::string document;
};

TEST_F(CleanupTest, RemovesWhatExpiredAndKeepsWhatWorks) {
  auto dry = cleanup(tdb.db(), {}, true, kNow);
  EXPECT_EQ(rows_of(dry, "sessions"), 2);
  EXPECT_EQ(ids("SELECT id FROM sessions").size(), 4u) << "a dry run removes nothing";

  auto report = cleanup(tdb.db(), {}, false, kNow);
  EXPECT_EQ(rows_of(report, "sessions"), 2);
  EXPECT_EQ(rows_of(report, "password-reset"), 2);
  EXPECT_EQ(rows_of(report, "invitations"), 2);
  EXPECT_EQ(rows_of(report, "share links"), 2);
  EXPECT_EQ(rows_of(report, "audit"), -1) << "RETENTION_AUDIT_DAYS unset: kept forever";
  EXPECT_EQ(report.total(), 8);

  EXPECT_EQ(ids("SELECT id FROM sessions"), (std::vector<std::string>{"just-revoked", "live"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM refresh_tokens"), 0) << "they went with their session";
  EXPECT_EQ(ids("SELECT token_hash FROM email_tokens"), std::vector<std::string>{"t-live"});
  EXPECT_EQ(ids("SELECT id FROM invitations"),
            (std::vector<std::string>{"i-accepted", "i-pending"}));
  EXPECT_EQ(ids("SELECT id FROM document_shares"), std::vector<std::string>{"s-live"});
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'test.event'"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM document_versions"), 1);
  EXPECT_EQ(cleanup(tdb.db(), {}, false, kNow).total(), 0) << "nothing left to do";
}

TEST_F(CleanupTest, AuditAndGenerationRetentionApplyOnlyWhenSet) {
  tdb.db().write([&](store::Tx& tx) {
    for (auto [id, finished] : {std::pair{"g-old", kNow - 40 * kDay}, {"g-new", kNow - kDay}}) {
      tx.exec(
          "INSERT INTO generations (id, org_id, project_id, user_id, kind, status, input, provider,"
          " model, cache_key, output, tokens_in, tokens_out, cost_usd, created_at, finished_at)"
          " SELECT ?1, org_id, id, ?2, 'prd', 'succeeded', '{}', 'template', 'template', ?1,"
          " 'the text', 10, 20, 0.5, 1, ?3 FROM projects LIMIT 1",
          {std::string(id), owner, finished});
    }
  });
  auto report = cleanup(tdb.db(), {30, 30, 30}, false, kNow);
  EXPECT_EQ(rows_of(report, "generation outputs"), 1);
  EXPECT_EQ(rows_of(report, "audit"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'test.event'"), 1);
  // The history row, its tokens and cost stay for usage reports.
  EXPECT_EQ(count("SELECT COUNT(*) FROM generations WHERE tokens_out = 20 AND cost_usd = 0.5"), 2);
  EXPECT_EQ(ids("SELECT id FROM generations WHERE output = ''"), std::vector<std::string>{"g-old"});
}

// A deleted document stays in the trash TRASH_RETENTION_DAYS; the first
// cleanup after that purges it with its versions and share links, unlinks
// its stories, leaves an audit entry, and touches no live document.
TEST_F(CleanupTest, TrashedDocumentsGoWithTheirVersionsOnceTheirRetentionHasPassed) {
  DocumentsService documents(tdb.db());
  std::string project = ProjectsService(tdb.db()).create(as_owner, org_a, {"Ops", "OPS", ""}).id;
  auto trashed = documents.create(as_owner, project, {"Tundra plan", "## Goals\n", {}, {}});
  documents.update(as_owner, trashed.document.id, 1, {std::nullopt, "## Goals\n\nMore.\n", {}});
  std::string story = StoriesService(tdb.db())
                          .create(as_owner, project,
                                  [&] {
                                    NewStory s;
                                    s.title = "Export the tundra";
                                    s.document_id = trashed.document.id;
                                    return s;
                                  }())
                          .id;
  share(tdb.db(), "s-trashed", kNow + 90 * kDay);
  documents.remove(as_member, trashed.document.id, std::nullopt);
  const std::int64_t versions_before = count("SELECT COUNT(*) FROM document_versions");

  config::RetentionConfig keep{std::nullopt, std::nullopt, 30};
  auto early = cleanup(tdb.db(), keep, false, kNow + 29 * kDay);
  EXPECT_EQ(rows_of(early, "trashed documents"), 0) << "29 of 30 days: still restorable";
  auto dry = cleanup(tdb.db(), keep, true, kNow + 31 * kDay);
  EXPECT_EQ(rows_of(dry, "trashed documents"), 1);
  EXPECT_EQ(rows_of(dry, "their versions"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM document_versions"), versions_before);

  auto report = cleanup(tdb.db(), keep, false, kNow + 31 * kDay);
  EXPECT_EQ(rows_of(report, "trashed documents"), 1);
  EXPECT_EQ(rows_of(report, "their versions"), 2);
  EXPECT_EQ(ids("SELECT id FROM documents"), std::vector<std::string>{document}) << "live stays";
  EXPECT_EQ(count("SELECT COUNT(*) FROM document_versions"), versions_before - 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM document_shares WHERE id = 's-trashed'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM stories WHERE document_id IS NULL"), 1)
      << "the story stays in the backlog, unlinked";
  auto purged = tdb.db().read([&](store::Tx& tx) {
    return tx.query_one(
        "SELECT org_id, actor_id, details FROM audit_log WHERE action = 'document.purged'"
        " AND target_id = ?1",
        {trashed.document.id});
  });
  ASSERT_TRUE(purged.has_value());
  EXPECT_EQ(purged->str(0), org_a);
  EXPECT_TRUE(purged->is_null(1)) << "the retention purged it, not a person";
  EXPECT_NE(purged->str(2).find("Tundra plan"), std::string::npos) << purged->str(2);
  EXPECT_EQ(rows_of(cleanup(tdb.db(), keep, false, kNow + 32 * kDay), "trashed documents"), 0);
  (void)story;
}

TEST_F(CleanupTest, ARetentionOfZeroEmptiesTheTrashAtTheNextCleanup) {
  DocumentsService documents(tdb.db());
  documents.remove(as_owner, document, std::nullopt);
  const std::int64_t later = now_unix_ms() + 1000;
  EXPECT_EQ(rows_of(cleanup(tdb.db(), {std::nullopt, std::nullopt, 30}, false, later),
                    "trashed documents"),
            0);
  EXPECT_EQ(rows_of(cleanup(tdb.db(), {std::nullopt, std::nullopt, 0}, false, later),
                    "trashed documents"),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM documents"), 0);
}

// Two instances (two DailyCleanup on one database) check at once: the
// cleanup runs on one of them, once a day.
TEST_F(CleanupTest, TheDailyRunHappensOnceADayAcrossInstances) {
  DailyCleanup a(tdb.db(), {}, nullptr), b(tdb.db(), {}, nullptr);
  auto on_a = a.run_if_due(kNow);
  auto on_b = b.run_if_due(kNow + 1000);
  ASSERT_TRUE(on_a.has_value());
  EXPECT_EQ(on_a->total(), 8);
  EXPECT_FALSE(on_b.has_value());
  EXPECT_FALSE(a.run_if_due(kNow + kDay - 1000).has_value());
  EXPECT_TRUE(b.run_if_due(kNow + kDay + 1000).has_value()) << "due again a day later";
}

}  // namespace
}  // namespace prism::services::operations
