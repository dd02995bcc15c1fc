#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::generation_events {

// Pages of a generation's SSE events (migration 0007), written by the
// instance that runs it, read by the others.
struct Page {
  std::int64_t last_event_id = 0;
  std::string events;  // SSE text of the events after the previous page's
  bool final = false;  // the log ended with this page
};

// Commits announce the generation's id on this channel, so that instances
// following it read the new pages at once.
inline constexpr std::string_view kPagesChannel = "prism_generation_events";
// A request to cancel a generation, heard by the instance that runs it.
inline constexpr std::string_view kCancelChannel = "prism_generation_cancel";

void add_page(Tx& tx, std::string_view generation_id, const Page& page, std::int64_t now);
// The pages after `after_event_id`, in order.
std::vector<Page> pages_after(Tx& tx, std::string_view generation_id, std::int64_t after_event_id);
bool has_pages(Tx& tx, std::string_view generation_id);
// Renews the heartbeat of those of `ids` that are still queued or running.
void beat(Tx& tx, const std::vector<std::string>& ids, std::int64_t now);
// Marks failed ("interrupted") every queued or running generation whose
// heartbeat (or creation, before its first) is older than `stale_before`;
// returns their ids.
std::vector<std::string> fail_stale(Tx& tx, std::int64_t stale_before, std::int64_t now);
// Deletes the pages of generations that ended before `ended_before`.
std::int64_t drop_pages(Tx& tx, std::int64_t ended_before);

}  // namespace prism::store::generation_events
