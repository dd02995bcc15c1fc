#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "http/event_stream.hpp"

namespace prism::services::generations {

struct Event {
  std::int64_t id = 0;  // 1, 2, 3 … within one generation
  std::string name;     // status | delta | usage | done | error
  std::string data;     // JSON, one line
};

// The events of one generation, kept in memory while it runs and for a while
// after, so any number of subscribers can read from any position (SSE
// Last-Event-ID). Appends wake the subscribers; thread-safe.
class EventLog {
 public:
  // Appends an event and returns its id. Ignored once finished.
  std::int64_t append(std::string name, const json::object& data);
  // Marks the end: no more events; subscribers end after reading the rest.
  void finish();
  bool finished() const;
  // Events with id > after_id, and whether the log has finished.
  std::vector<Event> read_after(std::int64_t after_id, bool& finished) const;
  std::int64_t finished_at_ms() const;

  // Subscribers register a waker; the returned handle unregisters it.
  std::int64_t subscribe(std::function<void()> wake);
  void unsubscribe(std::int64_t handle);

 private:
  void wake_all();

  mutable std::mutex mutex_;
  std::vector<Event> events_;
  bool finished_ = false;
  std::int64_t finished_at_ms_ = 0;
  std::int64_t next_handle_ = 1;
  std::map<std::int64_t, std::function<void()>> wakers_;
};

// `id: N\nevent: name\ndata: json\n\n`
std::string format_sse(const Event& e);

// An SSE body reading one generation's log from a position.
class EventLogSource : public http::EventSource {
 public:
  EventLogSource(std::shared_ptr<EventLog> log, std::int64_t after_id)
      : log_(std::move(log)), position_(after_id) {}
  ~EventLogSource() override;

  void set_waker(std::function<void()> wake) override;
  bool read(std::string& out) override;
  void close() override;

 private:
  std::shared_ptr<EventLog> log_;
  std::int64_t position_;
  std::int64_t handle_ = 0;
  std::mutex mutex_;
};

// The in-memory logs of running and recently finished generations. Finished
// logs are dropped after `retention_ms` (the stored output replays them).
class EventHub {
 public:
  explicit EventHub(std::int64_t retention_ms = 10 * 60 * 1000) : retention_ms_(retention_ms) {}
  std::shared_ptr<EventLog> create(const std::string& generation_id);
  std::shared_ptr<EventLog> find(const std::string& generation_id);

 private:
  void drop_expired();

  const std::int64_t retention_ms_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<EventLog>, std::less<>> logs_;
};

}  // namespace prism::services::generations
