#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/notification_bus.hpp"
#include "store/sessions_store.hpp"

namespace prism::services {

// Sessions this instance has read from the database, so that an
// authenticated request costs no database round trip (and no Redis
// command). The database stays the source of truth: every revocation is
// announced on store::sessions::kChangesChannel when it commits, on every
// instance, and drops the entry at once. While the bus is not live
// (notifications may be lost), nothing is served from memory or added to
// it; entries from an earlier epoch are never served.
//
// A read races a revocation this way: the reader takes a ticket, reads the
// session, and stores it with the ticket; a change announced in between
// makes the ticket stale and the entry is not stored.
class SessionCache {
 public:
  using Clock = std::chrono::steady_clock;

  struct Ticket {
    std::uint64_t epoch = 0;
    std::uint64_t changes = 0;
  };

  // Entries are kept at most `ttl`, so that activity recorded by another
  // instance (last_used_at) is seen again within it; and at most a second
  // when the bus does not hear other processes' commits (the embedded
  // database, changed by `prism user disable` beside the server).
  explicit SessionCache(store::NotificationBus& bus, std::size_t max_entries = 20'000,
                        std::chrono::seconds ttl = std::chrono::seconds(60));

  std::optional<store::sessions::Session> find(std::string_view session_id);
  Ticket ticket() const;
  void put(const store::sessions::Session& session, const Ticket& ticket);
  std::size_t size() const;

 private:
  struct Entry {
    store::sessions::Session session;
    std::uint64_t epoch = 0;
    Clock::time_point expires;
  };
  void changed(std::string_view payload);

  store::NotificationBus& bus_;
  const std::size_t max_entries_;
  const std::chrono::seconds ttl_;
  mutable std::mutex mutex_;
  std::uint64_t changes_ = 0;
  // Looked up by string_view: an authenticated request allocates nothing here.
  struct IdHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view id) const { return std::hash<std::string_view>{}(id); }
  };
  std::unordered_map<std::string, Entry, IdHash, std::equal_to<>> entries_;
  store::NotificationBus::Subscription subscription_;  // last: ends before the rest
};

}  // namespace prism::services
