#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace prism::store {

// Wake-ups that travel with the database: a transaction announces a change
// (Tx::notify) and, once it commits, every process sharing the database hears
// it (PostgreSQL's LISTEN/NOTIFY; with the embedded database there is one
// process, and the bus delivers in it). Caches in front of the database use
// it to drop what another instance changed.
//
// Delivery is guaranteed only while live(): a PostgreSQL listener that lost
// its connection may have missed notifications, so the bus turns not live
// and advances its epoch, and a cache must then neither trust what it holds
// from an earlier epoch nor add to it until the bus is live again.
class NotificationBus {
 public:
  using Listener = std::function<void(std::string_view payload)>;

  // Ends its listener when destroyed (before what the listener refers to).
  class Subscription {
   public:
    Subscription(NotificationBus* bus, std::uint64_t id) : bus_(bus), id_(id) {}
    Subscription(Subscription&& o) noexcept : bus_(std::exchange(o.bus_, nullptr)), id_(o.id_) {}
    Subscription& operator=(Subscription&&) = delete;
    ~Subscription() {
      if (bus_ != nullptr) bus_->unlisten(id_);
    }

   private:
    NotificationBus* bus_;
    std::uint64_t id_;
  };

  // `reaches_other_processes`: whether commits made by other processes on
  // the same database are heard too (PostgreSQL's LISTEN); the embedded
  // database's bus hears only its own process, not a `prism user disable`
  // run beside the server.
  explicit NotificationBus(bool live = true, bool reaches_other_processes = false)
      : live_(live), reaches_other_processes_(reaches_other_processes) {}

  [[nodiscard]] Subscription listen(std::string channel, Listener fn);
  // Delivers to this process's listeners of `channel`.
  void deliver(std::string_view channel, std::string_view payload) const;
  // The channels someone listens to (a PostgreSQL listener LISTENs to them).
  std::vector<std::string> channels() const;

  // Notifications may have been missed from now on (false) or are again
  // received (true); both advance the epoch.
  void set_live(bool live);
  bool live() const { return live_.load(std::memory_order_acquire); }
  std::uint64_t epoch() const { return epoch_.load(std::memory_order_acquire); }
  bool reaches_other_processes() const { return reaches_other_processes_; }

 private:
  struct Entry {
    std::uint64_t id;
    std::string channel;
    Listener fn;
  };
  void unlisten(std::uint64_t id);

  mutable std::mutex mutex_;
  std::uint64_t next_id_ = 0;
  std::vector<Entry> listeners_;
  std::atomic<bool> live_;
  std::atomic<std::uint64_t> epoch_{0};
  const bool reaches_other_processes_;
};

// Notifications a write transaction has made, delivered when it commits.
class PendingNotifications {
 public:
  void add(std::string_view channel, std::string_view payload) {
    items_.emplace_back(std::string(channel), std::string(payload));
  }
  void deliver_to(const NotificationBus& bus) {
    auto items = std::move(items_);
    items_.clear();
    for (const auto& [channel, payload] : items) bus.deliver(channel, payload);
  }
  void discard() { items_.clear(); }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

}  // namespace prism::store
