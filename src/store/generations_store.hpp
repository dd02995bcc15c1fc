#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::generations {

// One row of the AI generation history (table `generations`).
struct Generation {
  std::string id;
  std::string org_id;
  std::string project_id;
  std::string user_id;
  std::string kind;    // prd | section | stories
  std::string status;  // queued | running | succeeded | failed | cancelled
  std::string input;   // JSON
  std::string template_name;
  std::int64_t template_version = 1;
  std::string provider;
  std::string model;
  std::string params = "{}";  // JSON
  std::string cache_key;
  bool cached = false;
  std::string output;
  std::optional<std::string> result;  // JSON
  std::optional<std::string> document_id;
  std::optional<std::int64_t> document_version;
  std::optional<std::int64_t> applied_at;  // everything it proposed was applied
  std::optional<std::string> applied_stories;  // JSON array of the proposals' indexes applied
  std::int64_t tokens_in = 0;
  std::int64_t tokens_out = 0;
  bool tokens_estimated = false;
  double cost_usd = 0;
  // What admission reserved of the monthly budget: held while the
  // generation is queued or running, released when it ends.
  std::int64_t tokens_reserved = 0;
  double cost_reserved_usd = 0;
  std::optional<std::int64_t> latency_ms;
  std::optional<std::string> error_code;
  std::optional<std::string> error_message;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> started_at;
  std::optional<std::int64_t> finished_at;
};

// How a generation ended.
struct Outcome {
  std::string status;
  std::string output;
  std::optional<std::string> result;
  std::optional<std::string> document_id;
  std::optional<std::int64_t> document_version;
  std::int64_t tokens_in = 0;
  std::int64_t tokens_out = 0;
  bool tokens_estimated = false;
  double cost_usd = 0;
  std::optional<std::int64_t> latency_ms;
  std::optional<std::string> error_code;
  std::optional<std::string> error_message;
  std::int64_t finished_at = 0;
};

struct Spend {
  std::int64_t tokens = 0;  // in + out
  double cost_usd = 0;
  // Held by generations still queued or running (their real use is not
  // known yet): what a budget check adds to the spend.
  std::int64_t reserved_tokens = 0;
  double reserved_usd = 0;
};

// One aggregate row: `key` is the day (Unix ms at 00:00 UTC, as text), the
// user id or "provider/model".
struct UsageRow {
  std::string key;
  std::int64_t generations = 0;
  std::int64_t cached = 0;
  std::int64_t tokens_in = 0;
  std::int64_t tokens_out = 0;
  double cost_usd = 0;
};

void insert(Tx& tx, const Generation& g);
std::optional<Generation> find(Tx& tx, std::string_view id);
// Moves a queued generation to running; false when it was no longer queued (cancelled).
bool mark_running(Tx& tx, std::string_view id, std::int64_t now);
void update_output(Tx& tx, std::string_view id, std::string_view output);
// Records the end of a generation that is still queued or running; false when
// it had already ended (e.g. cancelled meanwhile).
bool finish(Tx& tx, std::string_view id, const Outcome& outcome);
// Newest first, before `before_id` when set.
std::vector<Generation> list_for_project(Tx& tx, std::string_view project_id,
                                         const std::optional<std::string>& before_id, int limit);
// Queued or running generations of the organization.
std::int64_t count_running(Tx& tx, std::string_view org_id);
// Queued or running generations the user started, in any organization.
std::int64_t count_running_for_user(Tx& tx, std::string_view user_id);
// Tokens and cost of generations created in [from_ms, to_ms), and what the
// queued and running ones among them hold in reserve.
Spend spend(Tx& tx, std::string_view org_id, std::int64_t from_ms, std::int64_t to_ms);
std::vector<UsageRow> usage_by_day(Tx& tx, std::string_view org_id, std::int64_t from_ms,
                                   std::int64_t to_ms);
std::vector<UsageRow> usage_by_user(Tx& tx, std::string_view org_id, std::int64_t from_ms,
                                    std::int64_t to_ms);
std::vector<UsageRow> usage_by_model(Tx& tx, std::string_view org_id, std::int64_t from_ms,
                                     std::int64_t to_ms);
// The newest succeeded generation with this key finished at or after
// `min_finished_at`: the cache's fallback to the history.
std::optional<Generation> find_cached(Tx& tx, std::string_view org_id, std::string_view cache_key,
                                      std::int64_t min_finished_at);
// Sets applied_at once; false when it was already set.
bool mark_applied(Tx& tx, std::string_view id, std::int64_t now);
// Records the story proposals applied so far (`after`, a JSON array) when
// they still are `before` (nullopt: none); sets applied_at when
// `all_applied_at`. False when another request changed them meanwhile.
bool apply_stories(Tx& tx, std::string_view id, const std::optional<std::string>& before,
                   const std::string& after, std::optional<std::int64_t> all_applied_at);
// At start-up: generations a previous process left queued or running can no
// longer finish; they are marked failed ("interrupted"). Returns how many.
std::int64_t fail_interrupted(Tx& tx, std::int64_t now);

}  // namespace prism::store::generations
