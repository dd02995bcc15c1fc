#pragma once

#include <cstdint>

#include "store/database.hpp"

namespace prism::services::trash {

struct PurgeCounts {
  std::int64_t documents = 0;
  std::int64_t versions = 0;
};

// Purges the documents in the trash longer than `retention_days` at `now`
// (see store::trash::purge for what goes with them), a batch per write
// transaction, each with a `document.purged` audit entry in its
// organization; with `dry_run` it only counts. What the cleanup runs.
PurgeCounts purge_expired(store::Database& db, int retention_days, std::int64_t now, bool dry_run,
                          int batch = 100);

}  // namespace prism::services::trash
