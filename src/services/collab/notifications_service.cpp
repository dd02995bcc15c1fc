#include "services/collab/notifications_service.hpp"

#include "core/clock.hpp"
#include "core/error.hpp"
#include "http/push_stream.hpp"
#include "store/users_store.hpp"

namespace prism::services::collab {

namespace notes = store::notifications;

// One open stream: "changed" events, written when the user's notifications
// change. Lives as long as the connection holds it; unregisters itself.
class NotificationStream : public http::PushStream {
 public:
  // Reconnect after 5 s; the first event says the stream is up, so the
  // client fetches the list once now.
  NotificationStream(NotificationsService& owner, std::string user_id)
      : PushStream("retry: 5000\nevent: changed\ndata: {}\n\n"),
        owner_(owner),
        user_id_(std::move(user_id)) {}
  ~NotificationStream() override { close(); }

  // Ends the stream from the server's side (a newer one of the same user
  // took its place): the next read reports the end.
  void evict() { end(); }
  void poke() { push_once("event: changed\ndata: {}\n\n"); }

 protected:
  void closed() override { owner_.forget(user_id_, this); }

 private:
  NotificationsService& owner_;
  const std::string user_id_;
};

NotificationsService::NotificationsService(store::Database& db, Notifier& notifier)
    : db_(db), notifier_(notifier) {
  subscription_.emplace(db_.notifications().listen(
      std::string(notes::kChannel), [this](std::string_view user_id) { changed(user_id); }));
}

NotificationsService::~NotificationsService() { subscription_.reset(); }

void NotificationsService::changed(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  if (auto it = streams_.find(user_id); it != streams_.end()) {
    for (auto* s : it->second) s->poke();
  }
}

void NotificationsService::forget(const std::string& user_id, NotificationStream* stream) {
  std::lock_guard lock(mutex_);
  auto it = streams_.find(user_id);
  if (it == streams_.end()) return;
  std::erase(it->second, stream);
  if (it->second.empty()) streams_.erase(it);
}

std::shared_ptr<http::EventSource> NotificationsService::stream(const Caller& caller) {
  std::lock_guard lock(mutex_);
  auto& open = streams_[caller.user_id];
  // A closed tab is noticed only at the stream's next write: rather than
  // refuse a reload, the oldest stream makes room for the new one.
  while (open.size() >= kMaxStreamsPerUser) {
    open.front()->evict();
    open.erase(open.begin());
  }
  // Made under the lock (nothing here throws past it), so a stream that
  // closes at once waits for its registration.
  auto s = std::make_shared<NotificationStream>(*this, caller.user_id);
  open.push_back(s.get());
  return s;
}

NotificationsPage NotificationsService::list(const Caller& caller, bool unread_only,
                                             const std::optional<std::string>& cursor, int limit) {
  return db_.read([&](store::Tx& tx) {
    return NotificationsPage{
        notes::list_for_user(tx, caller.user_id, unread_only, cursor, limit + 1),
        notes::unread_count(tx, caller.user_id)};
  });
}

std::int64_t NotificationsService::mark_read(const Caller& caller,
                                             const std::vector<std::string>& ids) {
  return db_.write(
      [&](store::Tx& tx) { return notes::mark_read(tx, caller.user_id, ids, now_unix_ms()); });
}

std::int64_t NotificationsService::mark_all_read(const Caller& caller) {
  return db_.write(
      [&](store::Tx& tx) { return notes::mark_all_read(tx, caller.user_id, now_unix_ms()); });
}

std::map<std::string, bool> NotificationsService::preferences(const Caller& caller) {
  return db_.read([&](store::Tx& tx) {
    auto stored = notes::email_preferences(tx, caller.user_id);
    std::map<std::string, bool> out;
    for (auto kind : kKinds) {
      auto it = stored.find(std::string(kind));
      out[std::string(kind)] = it == stored.end() || it->second;
    }
    return out;
  });
}

std::map<std::string, bool> NotificationsService::set_preferences(
    const Caller& caller, const std::map<std::string, bool>& email) {
  db_.write([&](store::Tx& tx) {
    for (const auto& [kind, on] : email) notes::set_email_preference(tx, caller.user_id, kind, on);
  });
  return preferences(caller);
}

std::string NotificationsService::unsubscribe(std::string_view token) {
  auto u = notifier_.read_unsubscribe_token(token);
  if (!u) {
    throw Error(ErrorCode::kGone,
                "this unsubscribe link is invalid; change your e-mail settings "
                "in PRISM instead");
  }
  db_.write([&](store::Tx& tx) {
    if (!store::users::find_by_id(tx, u->user_id)) {
      throw Error(ErrorCode::kGone, "this unsubscribe link's account no longer exists");
    }
    notes::set_email_preference(tx, u->user_id, u->kind, false);
  });
  return u->kind;
}

std::map<std::string, bool> parse_preferences(const json::object& body) {
  JsonReader r(body);
  const json::value* email = r.optional_value("email");
  std::map<std::string, bool> out;
  if (email == nullptr || !email->is_object()) {
    r.add_error("email", "must be an object of kind: true or false");
  } else {
    for (const auto& kv : email->as_object()) {
      std::string kind(kv.key());
      if (!is_kind(kind)) {
        r.add_error("email." + kind, "is not a kind of notification");
      } else if (!kv.value().is_bool()) {
        r.add_error("email." + kind, "must be true or false");
      } else {
        out[kind] = kv.value().as_bool();
      }
    }
  }
  r.finish();
  return out;
}

std::optional<std::vector<std::string>> parse_mark_read(const json::object& body) {
  JsonReader r(body);
  auto ids = r.optional_string_array("ids", 500, 100);
  auto all = r.optional_bool("all");
  if (ids && all) r.add_error("all", "give ids or all, not both");
  if (!ids && !(all && *all) && r.ok()) r.add_error("ids", "give ids, or all: true");
  r.finish();
  if (all && *all) return std::nullopt;
  return ids;
}

}  // namespace prism::services::collab
