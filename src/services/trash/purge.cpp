#include "services/trash/purge.hpp"

#include "core/clock.hpp"
#include "core/json.hpp"
#include "services/audit/audit.hpp"
#include "services/trash/trash_rules.hpp"
#include "store/trash_store.hpp"

namespace prism::services::trash {

PurgeCounts purge_expired(store::Database& db, int retention_days, std::int64_t now, bool dry_run,
                          int batch) {
  const std::int64_t cutoff = purge_cutoff(now, retention_days);
  PurgeCounts counts;
  if (dry_run) {
    return db.read([&](store::Tx& tx) {
      return PurgeCounts{store::trash::count_expired(tx, cutoff),
                         store::trash::count_expired_versions(tx, cutoff)};
    });
  }
  for (std::size_t n = static_cast<std::size_t>(batch); n == static_cast<std::size_t>(batch);) {
    n = db.write([&](store::Tx& tx) {
      auto expired = store::trash::expired_batch(tx, cutoff, batch);
      for (const auto& doc : expired) {
        if (!store::trash::purge(tx, doc.id)) continue;
        ++counts.documents;
        counts.versions += doc.versions;
        // No actor: the retention did it. The title stays findable in the
        // audit log after the document is gone.
        record_audit(tx, {doc.org_id, std::nullopt, "document.purged", "document", doc.id,
                          json::object{{"title", doc.title},
                                       {"deleted_at", rfc3339_ms(doc.deleted_at)},
                                       {"versions", doc.versions},
                                       {"retention_days", retention_days}},
                          ""});
      }
      return expired.size();
    });
  }
  return counts;
}

}  // namespace prism::services::trash
