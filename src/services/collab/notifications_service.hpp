#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "http/event_stream.hpp"
#include "services/caller.hpp"
#include "services/collab/notifier.hpp"
#include "store/database.hpp"
#include "store/notifications_store.hpp"

namespace prism::services::collab {

inline constexpr std::size_t kMaxStreamsPerUser = 5;

struct NotificationsPage {
  std::vector<store::notifications::Notification> items;  // up to limit + 1
  std::int64_t unread = 0;
};

class NotificationStream;

// A user's notifications: the list (newest first), marking them read, the
// e-mail preferences per kind, the one-click unsubscribe of e-mail links,
// and a stream that says "changed" whenever the user's notifications
// change (on any instance sharing the database), so the bell updates
// without polling.
class NotificationsService {
 public:
  NotificationsService(store::Database& db, Notifier& notifier);
  ~NotificationsService();

  NotificationsPage list(const Caller& caller, bool unread_only,
                         const std::optional<std::string>& cursor, int limit);
  // Returns how many were marked; ids of others' notifications are ignored.
  std::int64_t mark_read(const Caller& caller, const std::vector<std::string>& ids);
  std::int64_t mark_all_read(const Caller& caller);

  // kind → whether it is e-mailed (every kind listed).
  std::map<std::string, bool> preferences(const Caller& caller);
  std::map<std::string, bool> set_preferences(const Caller& caller,
                                              const std::map<std::string, bool>& email);
  // The e-mail kind the token stops, stopped; 410 when the link is invalid.
  std::string unsubscribe(std::string_view token);

  // At most kMaxStreamsPerUser open streams per user: a new one ends the
  // oldest (a closed tab is only noticed when its stream is next written).
  std::shared_ptr<http::EventSource> stream(const Caller& caller);

 private:
  friend class NotificationStream;
  void changed(std::string_view user_id);
  void forget(const std::string& user_id, NotificationStream* stream);

  store::Database& db_;
  Notifier& notifier_;
  std::mutex mutex_;
  std::map<std::string, std::vector<NotificationStream*>, std::less<>> streams_;
  std::optional<store::NotificationBus::Subscription> subscription_;
};

// {email:{kind:bool}} → kind → bool; unknown kinds are 422.
std::map<std::string, bool> parse_preferences(const json::object& body);
// {ids:[…]} or {all:true}; nullopt ids means all.
std::optional<std::vector<std::string>> parse_mark_read(const json::object& body);

}  // namespace prism::services::collab
