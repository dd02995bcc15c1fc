#include "services/generations/event_shipper.hpp"

#include <spdlog/spdlog.h>

#include <vector>

#include "core/clock.hpp"
#include "store/generation_events_store.hpp"

namespace prism::services::generations {

namespace events = store::generation_events;

namespace {
std::int64_t ms(std::chrono::milliseconds d) { return d.count(); }
}  // namespace

EventShipper::EventShipper(store::Database& db, Timing timing, const Activity* activity)
    : db_(db),
      timing_(timing),
      activity_(activity),
      thread_("prism-events", timing.interval, [this] { ship(); }) {}

EventShipper::~EventShipper() { ship(); }

void EventShipper::track(const std::string& generation_id, std::shared_ptr<EventLog> log) {
  std::lock_guard lock(mutex_);
  tracked_[generation_id] = Tracked{std::move(log), 0};
}

void EventShipper::ship() {
  std::lock_guard shipping(ship_mutex_);
  std::int64_t now = now_unix_ms();
  struct Out {
    std::string id;
    events::Page page;
  };
  std::vector<Out> pages;
  std::vector<std::string> alive;
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, t] : tracked_) {
      Out out{id, {}};
      out.page.last_event_id = t.log->read_after(t.shipped, out.page.events, out.page.final);
      if (!out.page.final) alive.push_back(id);
      if (!out.page.events.empty() || out.page.final) pages.push_back(std::move(out));
    }
  }
  bool beat = now - last_beat_ >= ms(timing_.heartbeat);
  if (!pages.empty() || (beat && !alive.empty())) {
    try {
      db_.write([&](store::Tx& tx) {
        for (const auto& p : pages) events::add_page(tx, p.id, p.page, now);
        if (beat) events::beat(tx, alive, now);
      });
      if (beat) last_beat_ = now;
      std::lock_guard lock(mutex_);
      for (const auto& p : pages) {
        auto it = tracked_.find(p.id);
        if (it == tracked_.end()) continue;
        if (p.page.final) {
          tracked_.erase(it);
        } else {
          it->second.shipped = p.page.last_event_id;
        }
      }
    } catch (const std::exception& e) {
      // Written again next round, from the same position: nothing is lost.
      spdlog::warn("generation events not shared: {}", e.what());
    }
  }
  bool used = activity_ == nullptr || !alive.empty() || activity_->within(timing_.sweep_while_used);
  if (used && now - last_sweep_ >= ms(timing_.sweep)) sweep(now);
}

void EventShipper::sweep(std::int64_t now) {
  last_sweep_ = now;
  try {
    auto failed = db_.write([&](store::Tx& tx) {
      auto ids = events::fail_stale(tx, now - ms(timing_.stale), now);
      events::drop_pages(tx, now - ms(timing_.keep_pages));
      return ids;
    });
    for (const auto& id : failed)
      spdlog::warn("generation {} was interrupted: its server stopped", id);
  } catch (const std::exception& e) {
    spdlog::warn("interrupted generations not swept: {}", e.what());
  }
}

}  // namespace prism::services::generations
