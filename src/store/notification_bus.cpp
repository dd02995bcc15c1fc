#include "store/notification_bus.hpp"

namespace prism::store {

NotificationBus::Subscription NotificationBus::listen(std::string channel, Listener fn) {
  std::lock_guard lock(mutex_);
  listeners_.push_back({next_id_, std::move(channel), std::move(fn)});
  return Subscription(this, next_id_++);
}

void NotificationBus::unlisten(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  std::erase_if(listeners_, [&](const Entry& e) { return e.id == id; });
}

void NotificationBus::deliver(std::string_view channel, std::string_view payload) const {
  std::vector<Listener> targets;
  {
    std::lock_guard lock(mutex_);
    for (const auto& e : listeners_) {
      if (e.channel == channel) targets.push_back(e.fn);
    }
  }
  for (const auto& fn : targets) fn(payload);
}

std::vector<std::string> NotificationBus::channels() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& e : listeners_) {
    bool seen = false;
    for (const auto& c : out) seen = seen || c == e.channel;
    if (!seen) out.push_back(e.channel);
  }
  return out;
}

void NotificationBus::set_live(bool live) {
  epoch_.fetch_add(1, std::memory_order_acq_rel);
  live_.store(live, std::memory_order_release);
}

}  // namespace prism::store
