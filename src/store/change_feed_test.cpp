#include "store/change_feed.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <thread>
#include <vector>

#include "store/testing_db.hpp"

namespace prism::store::changes {
namespace {

// What the bus delivered on kChannel, each payload once (PostgreSQL delivers
// the committing process's own twice), read once `count` arrived (or 5 s).
class Heard {
 public:
  explicit Heard(Database& db)
      : sub_(db.notifications().listen(std::string(kChannel), [this](std::string_view p) {
          std::lock_guard lock(mutex_);
          if (std::find(payloads_.begin(), payloads_.end(), p) == payloads_.end()) {
            payloads_.emplace_back(p);
          }
        })) {}
  std::vector<std::string> wait_for(std::size_t count) {
    for (int i = 0; i < 500; ++i) {
      {
        std::lock_guard lock(mutex_);
        if (payloads_.size() >= count) return payloads_;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::lock_guard lock(mutex_);
    return payloads_;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> payloads_;
  NotificationBus::Subscription sub_;
};

TEST(ChangeFeed, AnnouncesIdsOnCommitThatParseBack) {
  testing::TempDatabase t;
  Heard heard(t.db());
  ASSERT_TRUE(t.wait_for_notifications());
  t.db().write([](Tx& tx) {
    document_changed(tx, "org1", "doc1");
    document_list_changed(tx, "org1");
    backlog_changed(tx, "org2", "proj1");
  });
  auto got = heard.wait_for(3);
  ASSERT_EQ(got.size(), 3u);
  auto doc = parse(got[0]);
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->kind, Change::Kind::kDocument);
  EXPECT_EQ(doc->org_id, "org1");
  EXPECT_EQ(doc->id, "doc1");
  auto list = parse(got[1]);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->kind, Change::Kind::kDocumentList);
  EXPECT_TRUE(list->id.empty());
  auto backlog = parse(got[2]);
  ASSERT_TRUE(backlog);
  EXPECT_EQ(backlog->kind, Change::Kind::kBacklog);
  EXPECT_EQ(backlog->org_id, "org2");
  EXPECT_EQ(backlog->id, "proj1");
}

TEST(ChangeFeed, TheSameChangeTwiceIsTwoAnnouncementsARepeatIsNot) {
  testing::TempDatabase t;
  Heard heard(t.db());
  ASSERT_TRUE(t.wait_for_notifications());
  for (int i = 0; i < 2; ++i) t.db().write([](Tx& tx) { document_changed(tx, "org1", "doc1"); });
  auto got = heard.wait_for(2);
  ASSERT_GE(got.size(), 2u);
  EXPECT_NE(got[0], got[1]);
  EXPECT_EQ(parse(got[0])->id, parse(got[1])->id);
  EXPECT_FALSE(parse(got[0])->tag.empty());
}

TEST(ChangeFeed, NothingIsAnnouncedWhenTheWriteRollsBack) {
  testing::TempDatabase t;
  Heard heard(t.db());
  ASSERT_TRUE(t.wait_for_notifications());
  EXPECT_THROW(t.db().write([](Tx& tx) {
    document_list_changed(tx, "org1");
    throw std::runtime_error("rolled back");
  }),
               std::runtime_error);
  // A later commit is heard alone.
  t.db().write([](Tx& tx) { document_list_changed(tx, "org2"); });
  auto got = heard.wait_for(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(parse(got[0])->org_id, "org2");
}

TEST(ChangeFeed, MalformedPayloadsAreNone) {
  for (const char* p : {"", "document", "document:org", "document:org:", "document:org:d",
                        "document:org:d:", "backlog:org::t", "other:org:x:t", "documents:::t"}) {
    EXPECT_FALSE(parse(p)) << p;
  }
}

}  // namespace
}  // namespace prism::store::changes
