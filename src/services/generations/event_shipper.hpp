#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/activity.hpp"
#include "core/periodic_thread.hpp"
#include "services/generations/event_log.hpp"
#include "store/database.hpp"

namespace prism::services::generations {

// Where instances share one database, makes the generations this instance
// runs visible to the others: every interval one background thread writes,
// in one transaction, a page of the new events of each running generation
// (so a stream costs a write per interval, not per token), renews their
// heartbeats, and, less often, marks failed the generations of instances
// that stopped renewing theirs and drops pages no one needs any more.
class EventShipper {
 public:
  struct Timing {
    std::chrono::milliseconds interval{200};
    std::chrono::milliseconds heartbeat{std::chrono::seconds(10)};
    // A generation whose heartbeat is older than this is interrupted; with
    // a sweep every `sweep`, it is marked within stale + sweep.
    std::chrono::milliseconds stale{std::chrono::seconds(40)};
    std::chrono::milliseconds sweep{std::chrono::seconds(15)};
    std::chrono::milliseconds keep_pages{std::chrono::minutes(10)};
    // The sweep runs while this instance runs generations or was used within
    // this long: an idle instance sends the database nothing, so a
    // scale-to-zero one can sleep. Whoever looks at a generation again makes
    // some instance active, and its sweep comes at once.
    std::chrono::milliseconds sweep_while_used{std::chrono::minutes(1)};
  };

  // `activity`: when this instance was last used (null: always sweep).
  EventShipper(store::Database& db, Timing timing, const Activity* activity = nullptr);
  // Ships what is pending, then stops.
  ~EventShipper();
  EventShipper(const EventShipper&) = delete;
  EventShipper& operator=(const EventShipper&) = delete;

  void track(const std::string& generation_id, std::shared_ptr<EventLog> log);
  // One round, now: pages, and heartbeats and the sweep when they are due.
  void ship();

 private:
  struct Tracked {
    std::shared_ptr<EventLog> log;
    std::int64_t shipped = 0;  // id of the last event written
  };
  void sweep(std::int64_t now);

  store::Database& db_;
  const Timing timing_;
  const Activity* activity_;
  std::mutex mutex_;
  std::map<std::string, Tracked> tracked_;
  std::mutex ship_mutex_;  // ship() runs one at a time
  std::int64_t last_beat_ = 0;
  std::int64_t last_sweep_ = 0;
  PeriodicThread thread_;  // last: stops before the rest goes
};

}  // namespace prism::services::generations
