// Story numbers in the store, on whichever backend TempDatabase is
// (PostgreSQL when PRISM_TEST_POSTGRES_URL is set): migration 11 numbers the
// stories it finds, and concurrent creators never share a number.
#include "store/stories_store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <set>
#include <thread>

#include "core/ids.hpp"
#include "store/migrations.hpp"
#include "store/testing_db.hpp"

namespace prism::store::stories {
namespace {

constexpr std::string_view kInsertOrg =
    "INSERT INTO organizations (id, name, slug, created_at, updated_at) VALUES (?1, 'O', ?2, 1, 1)";
constexpr std::string_view kInsertProject =
    "INSERT INTO projects (id, org_id, name, key, created_by, created_at, updated_at)"
    " VALUES (?1, ?2, 'P', ?3, ?4, 1, 1)";
// As the schema before migration 11 took a story.
constexpr std::string_view kInsertOldStory =
    "INSERT INTO stories (id, org_id, project_id, title, created_by, created_at, updated_at,"
    " deleted_at) VALUES (?1, ?2, ?3, 'S', ?4, ?5, ?5, ?6)";

struct Tenant {
  std::string user, org, project;
};

Tenant add_tenant(testing::TempDatabase& tdb, const std::string& key) {
  Tenant t{tdb.add_user(new_id() + "@example.com"), new_id(), new_id()};
  tdb.db().write([&](Tx& tx) {
    tx.exec(kInsertOrg, {t.org, "org-" + t.org});
    tx.exec(kInsertProject, {t.project, t.org, key, t.user});
  });
  return t;
}

std::int64_t number_of(Database& db, const std::string& story_id) {
  return db.read([&](Tx& tx) {
    return tx.query_one("SELECT number FROM stories WHERE id = ?1", {story_id})->i64(0);
  });
}

std::int64_t counter_of(Database& db, const std::string& project_id) {
  return db.read([&](Tx& tx) {
    return tx.query_one("SELECT story_counter FROM projects WHERE id = ?1", {project_id})->i64(0);
  });
}

// A story created the way the service does: a number, then the row.
std::int64_t create_story(Tx& tx, const Tenant& t) {
  auto taken = take_number(tx, t.project);
  Story s;
  s.id = new_id();
  s.org_id = t.org;
  s.project_id = t.project;
  s.title = "S";
  s.created_by = t.user;
  s.number = taken->number;
  insert(tx, s);
  return s.number;
}

TEST(StoriesStore, TheMigrationNumbersExistingStoriesInCreationOrderPerProject) {
  testing::TempDatabase tdb(10);
  auto chk = add_tenant(tdb, "CHK");
  auto app = add_tenant(tdb, "APP");
  auto empty = add_tenant(tdb, "NONE");
  std::string late = new_id(), early = new_id(), deleted = new_id(), tie_a = new_id(),
              tie_b = new_id(), other = new_id();
  tdb.db().write([&](Tx& tx) {
    // Inserted out of creation order; two share a creation time (the id,
    // UUIDv7 and so in creation order, breaks the tie).
    tx.exec(kInsertOldStory, {late, chk.org, chk.project, chk.user, std::int64_t{50}, nullptr});
    tx.exec(kInsertOldStory, {tie_b, chk.org, chk.project, chk.user, std::int64_t{30}, nullptr});
    tx.exec(kInsertOldStory, {early, chk.org, chk.project, chk.user, std::int64_t{10}, nullptr});
    tx.exec(kInsertOldStory,
            {deleted, chk.org, chk.project, chk.user, std::int64_t{20}, std::int64_t{21}});
    tx.exec(kInsertOldStory, {tie_a, chk.org, chk.project, chk.user, std::int64_t{30}, nullptr});
    tx.exec(kInsertOldStory, {other, app.org, app.project, app.user, std::int64_t{40}, nullptr});
  });
  ASSERT_LT(tie_a, tie_b);

  migrate(tdb.db());

  EXPECT_EQ(number_of(tdb.db(), early), 1);
  EXPECT_EQ(number_of(tdb.db(), deleted), 2) << "a deleted story keeps its number";
  EXPECT_EQ(number_of(tdb.db(), tie_a), 3);
  EXPECT_EQ(number_of(tdb.db(), tie_b), 4);
  EXPECT_EQ(number_of(tdb.db(), late), 5);
  EXPECT_EQ(number_of(tdb.db(), other), 1);
  EXPECT_EQ(counter_of(tdb.db(), chk.project), 5);
  EXPECT_EQ(counter_of(tdb.db(), app.project), 1);
  EXPECT_EQ(counter_of(tdb.db(), empty.project), 0);
  EXPECT_EQ(tdb.db().write([&](Tx& tx) { return create_story(tx, chk); }), 6);
  EXPECT_EQ(tdb.db().write([&](Tx& tx) { return create_story(tx, empty); }), 1);
  auto found = tdb.db().read([&](Tx& tx) { return find(tx, late); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->number, 5);
  EXPECT_EQ(found->project_key, "CHK");
}

TEST(StoriesStore, ANumberIsTakenOnceEvenAfterItsStoryIsDeleted) {
  testing::TempDatabase tdb;
  auto t = add_tenant(tdb, "CHK");
  auto first = tdb.db().write([&](Tx& tx) { return create_story(tx, t); });
  ListFilter all;
  all.project_id = t.project;
  auto id = tdb.db().read([&](Tx& tx) { return list(tx, all).at(0).id; });
  EXPECT_TRUE(tdb.db().write([&](Tx& tx) { return soft_delete(tx, id, 2); }));
  auto second = tdb.db().write([&](Tx& tx) { return create_story(tx, t); });
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 2);
  EXPECT_FALSE(tdb.db().write([&](Tx& tx) { return take_number(tx, new_id()); }))
      << "no such project";
}

TEST(StoriesStore, ASecondTransactionWaitsForTheFirstsNumber) {
  testing::TempDatabase tdb;
  auto t = add_tenant(tdb, "CHK");
  std::promise<void> first_took;
  std::atomic<bool> second_done{false};
  std::int64_t first_number = 0;
  std::thread first([&] {
    first_number = tdb.db().write([&](Tx& tx) {
      auto n = create_story(tx, t);
      first_took.set_value();
      // The second transaction starts meanwhile: it must not see the
      // counter as it was before this one (MAX(number) + 1 would).
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      EXPECT_FALSE(second_done.load()) << "the second committed inside the first";
      return n;
    });
  });
  first_took.get_future().wait();
  std::int64_t second_number = tdb.db().write([&](Tx& tx) { return create_story(tx, t); });
  second_done = true;
  first.join();
  EXPECT_EQ(first_number, 1);
  EXPECT_EQ(second_number, 2);
}

TEST(StoriesStore, ConcurrentCreatorsGetDistinctConsecutiveNumbers) {
  testing::TempDatabase tdb;
  auto t = add_tenant(tdb, "CHK");
  constexpr int kThreads = 4, kEach = 10;
  std::vector<std::future<std::vector<std::int64_t>>> runs;
  for (int i = 0; i < kThreads; ++i) {
    runs.push_back(std::async(std::launch::async, [&] {
      std::vector<std::int64_t> got;
      for (int k = 0; k < kEach; ++k) {
        got.push_back(tdb.db().write([&](Tx& tx) { return create_story(tx, t); }));
      }
      return got;
    }));
  }
  std::set<std::int64_t> all;
  for (auto& r : runs) {
    for (auto n : r.get()) EXPECT_TRUE(all.insert(n).second) << "number " << n << " twice";
  }
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_EQ(*all.begin(), 1);
  EXPECT_EQ(*all.rbegin(), kThreads * kEach);
  EXPECT_EQ(counter_of(tdb.db(), t.project), kThreads * kEach);
}

TEST(StoriesStore, TheSameNumberTwiceInAProjectIsRefused) {
  testing::TempDatabase tdb;
  auto t = add_tenant(tdb, "CHK");
  Story s;
  s.org_id = t.org;
  s.project_id = t.project;
  s.title = "S";
  s.created_by = t.user;
  s.number = 7;
  s.id = new_id();
  tdb.db().write([&](Tx& tx) { insert(tx, s); });
  s.id = new_id();
  EXPECT_THROW(tdb.db().write([&](Tx& tx) { insert(tx, s); }), ConstraintError);
}

}  // namespace
}  // namespace prism::store::stories
