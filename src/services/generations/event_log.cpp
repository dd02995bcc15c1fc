#include "services/generations/event_log.hpp"

#include "core/clock.hpp"

namespace prism::services::generations {

std::int64_t EventLog::append(std::string name, const json::object& data) {
  std::int64_t id = 0;
  {
    std::lock_guard lock(mutex_);
    if (finished_) return 0;
    id = static_cast<std::int64_t>(events_.size()) + 1;
    events_.push_back(Event{id, std::move(name), json::serialize(data)});
  }
  wake_all();
  return id;
}

void EventLog::finish() {
  {
    std::lock_guard lock(mutex_);
    if (finished_) return;
    finished_ = true;
    finished_at_ms_ = now_unix_ms();
  }
  wake_all();
}

bool EventLog::finished() const {
  std::lock_guard lock(mutex_);
  return finished_;
}

std::int64_t EventLog::finished_at_ms() const {
  std::lock_guard lock(mutex_);
  return finished_at_ms_;
}

std::vector<Event> EventLog::read_after(std::int64_t after_id, bool& finished) const {
  std::lock_guard lock(mutex_);
  finished = finished_;
  std::vector<Event> out;
  if (after_id < 0) after_id = 0;
  for (auto i = static_cast<std::size_t>(after_id); i < events_.size(); ++i) {
    out.push_back(events_[i]);
  }
  return out;
}

std::int64_t EventLog::subscribe(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  std::int64_t handle = next_handle_++;
  wakers_.emplace(handle, std::move(wake));
  return handle;
}

void EventLog::unsubscribe(std::int64_t handle) {
  std::lock_guard lock(mutex_);
  wakers_.erase(handle);
}

void EventLog::wake_all() {
  // Copied so that a waker may (un)subscribe without deadlocking.
  std::vector<std::function<void()>> wakers;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [handle, wake] : wakers_) wakers.push_back(wake);
  }
  for (const auto& wake : wakers) wake();
}

std::string format_sse(const Event& e) {
  return "id: " + std::to_string(e.id) + "\nevent: " + e.name + "\ndata: " + e.data + "\n\n";
}

EventLogSource::~EventLogSource() { close(); }

void EventLogSource::set_waker(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  handle_ = log_->subscribe(std::move(wake));
}

bool EventLogSource::read(std::string& out) {
  std::lock_guard lock(mutex_);
  bool finished = false;
  for (const auto& e : log_->read_after(position_, finished)) {
    out += format_sse(e);
    position_ = e.id;
  }
  return !finished;
}

void EventLogSource::close() {
  std::lock_guard lock(mutex_);
  if (handle_ != 0) log_->unsubscribe(handle_);
  handle_ = 0;
}

std::shared_ptr<EventLog> EventHub::create(const std::string& generation_id) {
  std::lock_guard lock(mutex_);
  drop_expired();
  auto log = std::make_shared<EventLog>();
  logs_[generation_id] = log;
  return log;
}

std::shared_ptr<EventLog> EventHub::find(const std::string& generation_id) {
  std::lock_guard lock(mutex_);
  auto it = logs_.find(generation_id);
  return it == logs_.end() ? nullptr : it->second;
}

void EventHub::drop_expired() {
  std::int64_t cutoff = now_unix_ms() - retention_ms_;
  for (auto it = logs_.begin(); it != logs_.end();) {
    std::int64_t at = it->second->finished_at_ms();
    if (at != 0 && at < cutoff) {
      it = logs_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace prism::services::generations
