#include "services/generations/event_log.hpp"

#include <algorithm>

#include "core/clock.hpp"

namespace prism::services::generations {

std::int64_t EventLog::append(std::string_view name, const json::object& data) {
  // {"text": …} deltas keep only their text; anything else its JSON.
  const json::value* text =
      name == "delta" && data.size() == 1 ? data.if_contains("text") : nullptr;
  std::string other;
  if (text == nullptr || !text->is_string()) {
    other.append(name);
    other += '\n';
    other += json::serialize(data);
  }
  std::int64_t id = 0;
  {
    std::lock_guard lock(mutex_);
    if (finished_) return 0;
    id = static_cast<std::int64_t>(kinds_.size()) + 1;
    if (other.empty()) {
      deltas_.append(text->as_string().data(), text->as_string().size());
      kinds_.push_back(Kind::kDelta);
      ends_.push_back(static_cast<std::uint32_t>(deltas_.size()));
    } else {
      kinds_.push_back(Kind::kOther);
      ends_.push_back(static_cast<std::uint32_t>(others_.size()));
      others_.push_back(std::move(other));
    }
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

std::int64_t EventLog::size() const {
  std::lock_guard lock(mutex_);
  return static_cast<std::int64_t>(kinds_.size());
}

std::string EventLog::delta_text() const {
  std::lock_guard lock(mutex_);
  return deltas_;
}

std::int64_t EventLog::finished_at_ms() const {
  std::lock_guard lock(mutex_);
  return finished_at_ms_;
}

std::int64_t EventLog::read_after(std::int64_t after_id, std::string& out, bool& finished) const {
  std::lock_guard lock(mutex_);
  finished = finished_;
  if (after_id < 0) after_id = 0;
  auto count = static_cast<std::int64_t>(kinds_.size());
  auto first = static_cast<std::size_t>(std::min(after_id, count));
  // Where the first delta to read starts: the end of the delta before it.
  std::size_t from = 0;
  for (std::size_t j = first; j-- > 0;) {
    if (kinds_[j] == Kind::kDelta) {
      from = ends_[j];
      break;
    }
  }
  for (std::size_t i = first; i < kinds_.size(); ++i) {
    auto id = static_cast<std::int64_t>(i) + 1;
    if (kinds_[i] == Kind::kDelta) {
      std::string_view text(deltas_.data() + from, ends_[i] - from);
      out += format_sse(id, "delta", json::serialize(json::object{{"text", text}}));
      from = ends_[i];
    } else {
      const std::string& other = others_[ends_[i]];
      auto nl = other.find('\n');
      out += format_sse(id, std::string_view(other).substr(0, nl),
                        std::string_view(other).substr(nl + 1));
    }
  }
  return std::max(after_id, count);
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

std::string format_sse(std::int64_t id, std::string_view name, std::string_view data) {
  std::string out = "id: " + std::to_string(id) + "\nevent: ";
  out.append(name);
  out += "\ndata: ";
  out.append(data);
  out += "\n\n";
  return out;
}

EventLogSource::~EventLogSource() { close(); }

void EventLogSource::set_waker(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  handle_ = log_->subscribe(std::move(wake));
}

bool EventLogSource::read(std::string& out) {
  std::lock_guard lock(mutex_);
  bool finished = false;
  position_ = log_->read_after(position_, out, finished);
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
