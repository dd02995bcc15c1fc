#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::retention {

// One kind of expired data `prism cleanup` removes: the rows that stopped
// mattering before a cutoff (Unix ms), removed in batches.
struct Rule {
  std::string_view name;    // e.g. "sessions"
  std::string_view count;   // SELECT COUNT(*) …, ?1 = cutoff
  std::string_view remove;  // one batch, ?1 = cutoff, ?2 = batch size
};

// The rules, in the order they run. `generation_cutoff` and `audit_cutoff`
// are nullopt when their retention is unset (kept forever): their rules are
// then left out.
struct Cutoffs {
  std::int64_t now = 0;
  // Revoked sessions, used e-mail tokens and revoked invitations and share
  // links are kept this long after they stopped working, for the pages
  // that list them.
  std::int64_t grace_ms = 24LL * 3600 * 1000;
  std::optional<std::int64_t> generation_cutoff;
  std::optional<std::int64_t> audit_cutoff;
  // MCP sessions unused this long are removed (ended ones too, after it).
  std::int64_t mcp_session_idle_ms = 24LL * 3600 * 1000;
};
struct Planned {
  const Rule* rule;
  std::int64_t cutoff;
};
std::vector<Planned> plan(const Cutoffs& cutoffs);

std::int64_t count(Tx& tx, const Planned& p);
// Removes at most `batch` rows (or clears that many generations' outputs);
// returns how many.
std::int64_t remove_batch(Tx& tx, const Planned& p, int batch);

// The daily run's bookkeeping (maintenance_runs).
std::optional<std::int64_t> last_run(Tx& tx, std::string_view job);
void record_run(Tx& tx, std::string_view job, std::int64_t at, std::string_view report_json);

}  // namespace prism::store::retention
