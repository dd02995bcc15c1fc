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

// The events of one generation, kept in memory while it runs and for a while
// after, so any number of subscribers can read from any position (SSE
// Last-Event-ID). Events are numbered 1, 2, 3 … and named status | delta |
// usage | done | error, with one line of JSON as data. Appends wake the
// subscribers; thread-safe.
//
// A generation streams thousands of small deltas and hundreds run at once,
// so a delta is kept as its bare text in one buffer (the output itself)
// plus 5 bytes of bookkeeping, and formatted as SSE when read; the few other
// events keep their JSON.
class EventLog {
 public:
  // Appends an event and returns its id. Ignored once finished.
  std::int64_t append(std::string_view name, const json::object& data);
  // Marks the end: no more events; subscribers end after reading the rest.
  void finish();
  bool finished() const;
  // How many events there are (the id of the last one).
  std::int64_t size() const;
  // The text of all deltas so far, in order (a generation's output).
  std::string delta_text() const;
  // Appends the SSE text of the events with id > after_id to `out`; returns
  // the id of the last one (after_id when there is none) and sets
  // `finished` when the log has ended.
  std::int64_t read_after(std::int64_t after_id, std::string& out, bool& finished) const;
  std::int64_t finished_at_ms() const;

  // Subscribers register a waker; the returned handle unregisters it.
  std::int64_t subscribe(std::function<void()> wake);
  void unsubscribe(std::int64_t handle);

 private:
  void wake_all();

  enum class Kind : std::uint8_t { kDelta, kOther };

  mutable std::mutex mutex_;
  std::string deltas_;               // the text of every delta, in order
  std::vector<std::string> others_;  // "name\ndata" of the other events
  std::vector<Kind> kinds_;          // per event
  std::vector<std::uint32_t> ends_;  // per event: end in deltas_, or index in others_
  bool finished_ = false;
  std::int64_t finished_at_ms_ = 0;
  std::int64_t next_handle_ = 1;
  std::map<std::int64_t, std::function<void()>> wakers_;
};

// `id: N\nevent: name\ndata: json\n\n`
std::string format_sse(std::int64_t id, std::string_view name, std::string_view data);

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
