#include "services/auth/session_cache.hpp"

#include <algorithm>

namespace prism::services {

SessionCache::SessionCache(store::NotificationBus& bus, std::size_t max_entries,
                           std::chrono::seconds ttl)
    : bus_(bus),
      max_entries_(max_entries),
      ttl_(bus.reaches_other_processes() ? ttl : std::min(ttl, std::chrono::seconds(1))),
      subscription_(bus_.listen(std::string(store::sessions::kChangesChannel),
                                [this](std::string_view payload) { changed(payload); })) {}

std::optional<store::sessions::Session> SessionCache::find(std::string_view session_id) {
  if (!bus_.live()) return std::nullopt;
  std::uint64_t epoch = bus_.epoch();
  std::lock_guard lock(mutex_);
  auto it = entries_.find(session_id);
  if (it == entries_.end()) return std::nullopt;
  if (it->second.epoch != epoch || it->second.expires <= Clock::now()) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.session;
}

SessionCache::Ticket SessionCache::ticket() const {
  Ticket t;
  t.epoch = bus_.epoch();
  std::lock_guard lock(mutex_);
  t.changes = changes_;
  return t;
}

void SessionCache::put(const store::sessions::Session& session, const Ticket& ticket) {
  if (!bus_.live() || bus_.epoch() != ticket.epoch) return;
  std::lock_guard lock(mutex_);
  if (changes_ != ticket.changes) return;
  // Full: start again rather than track recency; a miss costs one read.
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_.insert_or_assign(session.id, Entry{session, ticket.epoch, Clock::now() + ttl_});
}

std::size_t SessionCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void SessionCache::changed(std::string_view payload) {
  std::lock_guard lock(mutex_);
  ++changes_;
  if (payload.starts_with("s:")) {
    if (auto it = entries_.find(payload.substr(2)); it != entries_.end()) entries_.erase(it);
  } else if (payload.starts_with("u:")) {
    std::string_view user_id = payload.substr(2);
    std::erase_if(entries_, [&](const auto& kv) { return kv.second.session.user_id == user_id; });
  } else {
    entries_.clear();  // a change this build does not know: trust nothing
  }
}

}  // namespace prism::services
