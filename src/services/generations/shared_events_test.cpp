// Generations across instances that share a database: what one instance
// runs (EventShipper) another streams (EventFollowers), with the same event
// ids, and a generation whose instance stopped is interrupted.
#include <gtest/gtest.h>

#include <thread>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "services/generations/event_followers.hpp"
#include "services/generations/event_shipper.hpp"
#include "services/orgs/projects_service.hpp"
#include "services/orgs/testing_orgs.hpp"
#include "store/generation_events_store.hpp"
#include "store/generations_store.hpp"

namespace prism::services::generations {
namespace {

namespace gens = store::generations;
using namespace std::chrono_literals;

// Long intervals: the tests ship and read by hand, except where they wait
// for the threads on purpose.
EventShipper::Timing manual_timing() {
  EventShipper::Timing t;
  t.interval = 1h;
  t.heartbeat = 0ms;
  t.sweep = 1h;
  return t;
}

std::string all_events(const EventLog& log, std::int64_t after = 0) {
  std::string out;
  bool finished = false;
  log.read_after(after, out, finished);
  return out;
}

class SharedEventsTest : public ::testing::Test, protected testing::TwoOrgs {
 protected:
  std::string add_generation(const std::string& status, std::int64_t created_at) {
    gens::Generation g;
    g.id = new_id();
    g.org_id = org_a;
    g.project_id = project;
    g.user_id = owner;
    g.kind = "prd";
    g.status = status;
    g.input = "{}";
    g.template_name = "comprehensive";
    g.provider = "template";
    g.model = "template";
    g.cache_key = g.id;
    g.created_at = created_at;
    tdb.db().write([&](store::Tx& tx) { gens::insert(tx, g); });
    return g.id;
  }
  std::optional<gens::Generation> row(const std::string& id) {
    return tdb.db().read([&](store::Tx& tx) { return gens::find(tx, id); });
  }

  std::string project = ProjectsService(tdb.db()).create(as_owner, org_a, {"Web", "WEB", ""}).id;
  EventHub hub_a;  // the instance that runs the generation
  EventHub hub_b;  // the one a browser reconnected to
};

TEST_F(SharedEventsTest, AnotherInstanceStreamsTheSameEventsWithTheSameIds) {
  std::string id = add_generation("running", now_unix_ms());
  EventShipper shipper(tdb.db(), manual_timing());
  EventFollowers followers(tdb.db(), hub_b, 1h);
  auto log = hub_a.create(id);
  shipper.track(id, log);
  log->append("status", json::object{{"status", "running"}, {"cached", false}});
  log->append("delta", json::object{{"text", "# Title\n"}});
  shipper.ship();

  auto followed = followers.follow(id);
  EXPECT_EQ(all_events(*followed), all_events(*log));
  EXPECT_FALSE(followed->finished());

  log->append("delta", json::object{{"text", "Body \"quoted\" ✓\n"}});
  log->append("usage", json::object{{"tokens_in", 3}, {"tokens_out", 5}});
  log->append("done", json::object{{"document_id", "d1"}, {"version", 1}});
  log->finish();
  shipper.ship();
  followers.read_all();
  EXPECT_TRUE(followed->finished());
  EXPECT_EQ(followed->size(), 5);
  EXPECT_EQ(all_events(*followed), all_events(*log));
  // Resuming from Last-Event-ID 2 on either instance gives the same rest.
  EXPECT_EQ(all_events(*followed, 2), all_events(*log, 2));
  EXPECT_NE(all_events(*followed, 2).find("id: 3\n"), std::string::npos);
  EXPECT_EQ(all_events(*followed, 2).find("id: 2\n"), std::string::npos);
}

TEST_F(SharedEventsTest, CommittedPagesWakeTheFollowerWithoutPolling) {
  std::string id = add_generation("running", now_unix_ms());
  EventShipper shipper(tdb.db(), manual_timing());
  EventFollowers followers(tdb.db(), hub_b, 1h);  // it would poll only hourly
  auto log = hub_a.create(id);
  shipper.track(id, log);
  auto followed = followers.follow(id);
  EXPECT_EQ(followed->size(), 0);
  log->append("delta", json::object{{"text", "hello"}});
  log->finish();
  shipper.ship();
  for (int i = 0; i < 200 && !followed->finished(); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_TRUE(followed->finished());
  EXPECT_EQ(followed->delta_text(), "hello");
}

TEST_F(SharedEventsTest, AFollowedLogIsTheHubsForLaterStreams) {
  std::string id = add_generation("running", now_unix_ms());
  EventFollowers followers(tdb.db(), hub_b, 1h);
  auto first = followers.follow(id);
  EXPECT_EQ(followers.follow(id), first);
  EXPECT_EQ(hub_b.find(id), first);
}

TEST_F(SharedEventsTest, AGenerationWhoseInstanceStoppedBeatingIsInterrupted) {
  std::int64_t long_ago = now_unix_ms() - 10 * 60 * 1000;
  std::string stale = add_generation("running", long_ago);
  std::string beating = add_generation("running", long_ago);
  std::string done = add_generation("succeeded", long_ago);
  EventFollowers followers(tdb.db(), hub_b, 1h);
  auto followed = followers.follow(stale);

  auto timing = manual_timing();
  timing.sweep = 0ms;
  EventShipper shipper(tdb.db(), timing);
  shipper.track(beating, hub_a.create(beating));
  shipper.ship();  // beats for `beating` first, then sweeps

  EXPECT_EQ(row(stale)->status, "failed");
  EXPECT_EQ(row(stale)->error_code, "interrupted");
  EXPECT_EQ(row(beating)->status, "running");
  EXPECT_EQ(row(done)->status, "succeeded");

  followers.read_all();
  ASSERT_TRUE(followed->finished());
  std::string text = all_events(*followed);
  EXPECT_NE(text.find("event: error\n"), std::string::npos);
  EXPECT_NE(text.find("interrupted"), std::string::npos);
}

// An instance nobody uses sweeps nothing, so the database can sleep; the
// first use brings the sweep back.
TEST_F(SharedEventsTest, TheSweepWaitsForTheInstanceToBeUsed) {
  std::string id = add_generation("running", now_unix_ms() - 3'600'000);
  auto timing = manual_timing();
  timing.sweep = 0ms;
  timing.stale = 1s;
  Activity activity;
  EventShipper sweeper(tdb.db(), timing, &activity);
  sweeper.ship();
  EXPECT_EQ(row(id)->status, "running") << "never used: no sweep";
  activity.note();
  sweeper.ship();
  EXPECT_EQ(row(id)->status, "failed");
}

TEST_F(SharedEventsTest, PagesOfLongEndedGenerationsAreDropped) {
  std::string id = add_generation("running", now_unix_ms());
  auto timing = manual_timing();
  timing.keep_pages = 0ms;
  EventShipper shipper(tdb.db(), timing);
  auto log = hub_a.create(id);
  shipper.track(id, log);
  log->append("delta", json::object{{"text", "x"}});
  shipper.ship();
  auto has_pages = [&] {
    return tdb.db().read(
        [&](store::Tx& tx) { return store::generation_events::has_pages(tx, id); });
  };
  EXPECT_TRUE(has_pages());
  tdb.db().write([&](store::Tx& tx) {
    gens::Outcome o;
    o.status = "succeeded";
    o.finished_at = now_unix_ms() - 1000;
    gens::finish(tx, id, o);
  });
  EventShipper sweeper(tdb.db(), [] {
    auto t = manual_timing();
    t.sweep = 0ms;
    t.keep_pages = 0ms;
    return t;
  }());
  sweeper.ship();
  EXPECT_FALSE(has_pages());
}

}  // namespace
}  // namespace prism::services::generations
