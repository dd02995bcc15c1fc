#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/periodic_thread.hpp"
#include "services/generations/event_log.hpp"
#include "store/database.hpp"

namespace prism::services::generations {

// The other side of EventShipper: a generation that another instance runs
// is read here from its pages in the database into a local EventLog, event
// by event, so its events carry the same ids as on the instance that runs
// it (a client resumes from Last-Event-ID on either) and any number of
// streams here share one reader. New pages are read when their commit is
// announced, and at least every `poll` besides (notifications may be lost).
// A generation that ended without a final page (its instance died) ends
// with the error it was marked with.
class EventFollowers {
 public:
  EventFollowers(store::Database& db, EventHub& hub,
                 std::chrono::milliseconds poll = std::chrono::seconds(1));
  ~EventFollowers() = default;
  EventFollowers(const EventFollowers&) = delete;
  EventFollowers& operator=(const EventFollowers&) = delete;

  // The log of generation `id`: this instance's own or already followed
  // one when there is, else a new one that follows the pages.
  std::shared_ptr<EventLog> follow(const std::string& id);
  // Reads what is new for every followed generation now.
  void read_all();

 private:
  // Appends what is new; returns false when the log has ended.
  bool catch_up(const std::string& id, EventLog& log);

  store::Database& db_;
  EventHub& hub_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<EventLog>> followed_;
  std::mutex read_mutex_;
  PeriodicThread thread_;
  store::NotificationBus::Subscription subscription_;  // last: ends before the thread
};

}  // namespace prism::services::generations
