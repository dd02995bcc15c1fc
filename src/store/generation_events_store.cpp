#include "store/generation_events_store.hpp"

namespace prism::store::generation_events {

namespace {

constexpr std::string_view kAddPage =
    "INSERT INTO generation_event_pages (generation_id, last_event_id, events, final, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";

constexpr std::string_view kPagesAfter =
    "SELECT last_event_id, events, final FROM generation_event_pages"
    " WHERE generation_id = ?1 AND last_event_id > ?2 ORDER BY last_event_id";

constexpr std::string_view kHasPages =
    "SELECT 1 FROM generation_event_pages WHERE generation_id = ?1 LIMIT 1";

constexpr std::string_view kBeat =
    "UPDATE generations SET heartbeat_at = ?2 WHERE id = ?1 AND status IN ('queued', 'running')";

constexpr std::string_view kStale =
    "SELECT id FROM generations WHERE status IN ('queued', 'running')"
    " AND COALESCE(heartbeat_at, created_at) < ?1";

constexpr std::string_view kFailStale =
    "UPDATE generations SET status = 'failed', error_code = 'interrupted', error_message ="
    " 'the server running this generation stopped before it finished', finished_at = ?2"
    " WHERE id = ?1 AND status IN ('queued', 'running') AND COALESCE(heartbeat_at, created_at) < "
    "?3";

constexpr std::string_view kDropPages =
    "DELETE FROM generation_event_pages WHERE generation_id IN"
    " (SELECT id FROM generations WHERE finished_at IS NOT NULL AND finished_at < ?1)";

}  // namespace

void add_page(Tx& tx, std::string_view generation_id, const Page& page, std::int64_t now) {
  tx.exec(kAddPage, {std::string(generation_id), page.last_event_id, page.events,
                     std::int64_t{page.final ? 1 : 0}, now});
  tx.notify(kPagesChannel, generation_id);
}

std::vector<Page> pages_after(Tx& tx, std::string_view generation_id, std::int64_t after_event_id) {
  std::vector<Page> out;
  for (auto& r : tx.query(kPagesAfter, {std::string(generation_id), after_event_id})) {
    out.push_back(Page{r.i64(0), r.take_str(1), r.i64(2) != 0});
  }
  return out;
}

bool has_pages(Tx& tx, std::string_view generation_id) {
  return tx.query_one(kHasPages, {std::string(generation_id)}).has_value();
}

void beat(Tx& tx, const std::vector<std::string>& ids, std::int64_t now) {
  for (const auto& id : ids) tx.exec(kBeat, {id, now});
}

std::vector<std::string> fail_stale(Tx& tx, std::int64_t stale_before, std::int64_t now) {
  std::vector<std::string> failed;
  for (auto& r : tx.query(kStale, {stale_before})) {
    std::string id = r.take_str(0);
    if (tx.exec(kFailStale, {id, now, stale_before}) == 1) {
      tx.notify(kPagesChannel, id);
      failed.push_back(std::move(id));
    }
  }
  return failed;
}

std::int64_t drop_pages(Tx& tx, std::int64_t ended_before) {
  return tx.exec(kDropPages, {ended_before});
}

}  // namespace prism::store::generation_events
