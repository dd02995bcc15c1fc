#include "services/generations/event_followers.hpp"

#include <spdlog/spdlog.h>

#include <charconv>
#include <vector>

#include "ai/sse_parser.hpp"
#include "store/generation_events_store.hpp"
#include "store/generations_store.hpp"

namespace prism::services::generations {

namespace events = store::generation_events;

namespace {

bool finished_status(const std::string& status) {
  return status != "queued" && status != "running";
}

}  // namespace

EventFollowers::EventFollowers(store::Database& db, EventHub& hub, std::chrono::milliseconds poll)
    : db_(db),
      hub_(hub),
      thread_("prism-follow", poll, [this] { read_all(); }),
      subscription_(db.notifications().listen(std::string(events::kPagesChannel),
                                              [this](std::string_view id) {
                                                std::lock_guard lock(mutex_);
                                                if (followed_.contains(std::string(id))) {
                                                  thread_.wake();
                                                }
                                              })) {}

std::shared_ptr<EventLog> EventFollowers::follow(const std::string& id) {
  std::shared_ptr<EventLog> log;
  {
    std::lock_guard lock(mutex_);
    if (auto found = hub_.find(id)) return found;
    log = hub_.create(id);
    followed_[id] = log;
  }
  // The first read is the caller's, so the stream starts with what exists.
  std::lock_guard reading(read_mutex_);
  if (!catch_up(id, *log)) {
    std::lock_guard lock(mutex_);
    followed_.erase(id);
  }
  return log;
}

void EventFollowers::read_all() {
  std::map<std::string, std::shared_ptr<EventLog>> followed;
  {
    std::lock_guard lock(mutex_);
    followed = followed_;
  }
  std::lock_guard reading(read_mutex_);
  for (const auto& [id, log] : followed) {
    if (catch_up(id, *log)) continue;
    std::lock_guard lock(mutex_);
    followed_.erase(id);
  }
}

bool EventFollowers::catch_up(const std::string& id, EventLog& log) {
  if (log.finished()) return false;
  std::int64_t position = log.size();
  try {
    auto [pages, row] = db_.read([&](store::Tx& tx) {
      return std::make_pair(events::pages_after(tx, id, position),
                            store::generations::find(tx, id));
    });
    ai::SseParser parser;
    bool ended = false;
    bool broken = false;
    for (const auto& page : pages) {
      parser.feed(page.events, [&](const ai::SseEvent& e) {
        std::int64_t want = 0;
        std::from_chars(e.id.data(), e.id.data() + e.id.size(), want);
        if (want <= log.size() || broken) return;  // already read
        if (want != log.size() + 1) {
          // A page is missing (dropped after its generation ended): the ids
          // would no longer be the ones the running instance gave.
          broken = true;
          return;
        }
        auto data = json::parse(e.data);
        log.append(e.event, data.is_object() ? data.as_object() : json::object{});
      });
      ended = ended || page.final;
    }
    if (!ended && row && finished_status(row->status) && pages.empty()) {
      // Ended without its last page: its instance died, and a sweep marked it.
      log.append("status", json::object{{"status", row->status}});
      log.append("error", json::object{{"code", row->error_code.value_or("interrupted")},
                                       {"message", row->error_message.value_or("")}});
      ended = true;
    }
    if (!row || broken) ended = true;
    if (ended) log.finish();
    return !ended;
  } catch (const std::exception& e) {
    spdlog::warn("generation {} events not read: {}", id, e.what());
    return true;
  }
}

}  // namespace prism::services::generations
