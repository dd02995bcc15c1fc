#include "services/auth/session_cache.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "store/testing_db.hpp"

namespace prism::services {
namespace {

namespace sessions = store::sessions;

class SessionCacheTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(tdb.wait_for_notifications()); }

  sessions::Session add_session(const std::string& user_id) {
    std::int64_t now = now_unix_ms();
    sessions::Session s{new_id(), user_id,         "test",       "127.0.0.1", now,
                        now,      now + 3'600'000, std::nullopt, std::nullopt};
    tdb.db().write([&](store::Tx& tx) { sessions::insert(tx, s); });
    return s;
  }
  // Reads the session from the database the way authentication does.
  void load(const sessions::Session& s) {
    auto ticket = cache.ticket();
    auto row = tdb.db().read([&](store::Tx& tx) { return sessions::find(tx, s.id); });
    ASSERT_TRUE(row);
    cache.put(*row, ticket);
  }

  store::testing::TempDatabase tdb;
  SessionCache cache{tdb.db().notifications()};
  std::string user = tdb.add_user("ada@example.com");
};

TEST_F(SessionCacheTest, ServesWhatItReadUntilTheSessionIsRevoked) {
  auto s = add_session(user);
  EXPECT_FALSE(cache.find(s.id));
  load(s);
  ASSERT_TRUE(cache.find(s.id));
  EXPECT_EQ(cache.find(s.id)->user_id, user);

  tdb.db().write([&](store::Tx& tx) { sessions::revoke(tx, s.id, "logout", now_unix_ms()); });
  EXPECT_FALSE(cache.find(s.id));
}

TEST_F(SessionCacheTest, RevokingAllOfAUsersSessionsDropsOnlyTheirs) {
  auto a = add_session(user);
  auto b = add_session(user);
  auto other = add_session(tdb.add_user("bob@example.com"));
  load(a);
  load(b);
  load(other);
  tdb.db().write([&](store::Tx& tx) {
    sessions::revoke_all_for_user(tx, user, "password_changed", now_unix_ms(), std::nullopt);
  });
  EXPECT_FALSE(cache.find(a.id));
  EXPECT_FALSE(cache.find(b.id));
  EXPECT_TRUE(cache.find(other.id));
}

TEST_F(SessionCacheTest, AChangeAnnouncedDuringTheReadKeepsTheReadOut) {
  auto s = add_session(user);
  auto other = add_session(user);
  auto ticket = cache.ticket();
  auto row = tdb.db().read([&](store::Tx& tx) { return sessions::find(tx, s.id); });
  // Any change in between, even to another session, makes the ticket stale.
  tdb.db().write([&](store::Tx& tx) { sessions::revoke(tx, other.id, "logout", now_unix_ms()); });
  cache.put(*row, ticket);
  EXPECT_FALSE(cache.find(s.id));
}

TEST_F(SessionCacheTest, ARolledBackRevocationAnnouncesNothing) {
  auto s = add_session(user);
  load(s);
  EXPECT_THROW(tdb.db().write([&](store::Tx& tx) {
    sessions::revoke(tx, s.id, "logout", now_unix_ms());
    throw std::runtime_error("abandoned");
  }),
               std::runtime_error);
  EXPECT_TRUE(cache.find(s.id));
}

TEST_F(SessionCacheTest, NothingIsServedOrKeptWhileNotificationsMayBeLost) {
  auto s = add_session(user);
  load(s);
  auto& bus = tdb.db().notifications();
  bus.set_live(false);
  EXPECT_FALSE(cache.find(s.id));
  load(s);
  bus.set_live(true);
  // What was read before the outage may have been revoked during it.
  EXPECT_FALSE(cache.find(s.id));
  load(s);
  EXPECT_TRUE(cache.find(s.id));
}

TEST_F(SessionCacheTest, EntriesExpireAfterTheirTimeToLive) {
  SessionCache short_lived{tdb.db().notifications(), 100, std::chrono::seconds(0)};
  auto s = add_session(user);
  auto ticket = short_lived.ticket();
  short_lived.put(s, ticket);
  EXPECT_FALSE(short_lived.find(s.id));
}

TEST(NotificationBusTest, AListenerEndsWithItsSubscription) {
  store::NotificationBus bus;
  int heard = 0;
  {
    auto sub = bus.listen("c", [&](std::string_view p) { heard += p == "x" ? 1 : 100; });
    bus.deliver("c", "x");
    bus.deliver("other", "x");
    EXPECT_EQ(bus.channels(), std::vector<std::string>{"c"});
  }
  bus.deliver("c", "x");
  EXPECT_EQ(heard, 1);
  EXPECT_TRUE(bus.channels().empty());
}

}  // namespace
}  // namespace prism::services
