#include "services/operations/cache_clear.hpp"

#include "cache/keys.hpp"
#include "services/audit/audit.hpp"
#include "store/sessions_store.hpp"

namespace prism::services::operations {

std::optional<CacheGroup> parse_cache_group(std::string_view name) {
  if (name == "generations") return CacheGroup::kGenerations;
  if (name == "sessions") return CacheGroup::kSessions;
  if (name == "ratelimits") return CacheGroup::kRateLimits;
  if (name == "all") return CacheGroup::kAll;
  return std::nullopt;
}

CacheClearReport clear_cache(cache::Cache& cache, store::Database& db, CacheGroup group) {
  CacheClearReport report;
  report.group = group;
  bool all = group == CacheGroup::kAll;
  if (all || group == CacheGroup::kGenerations) {
    report.generations = cache.clear_prefix(cache::keys::kGeneration);
  }
  if (all || group == CacheGroup::kRateLimits) {
    for (auto prefix : cache::keys::kRateLimits) report.rate_limits += cache.clear_prefix(prefix);
    db.write([&](store::Tx& tx) {
      record_audit(tx, {std::nullopt, std::nullopt, "cache.rate_limits_cleared", "cache", "",
                        json::object{{"keys", report.rate_limits}}, ""});
    });
  }
  if (all || group == CacheGroup::kSessions) {
    db.write([](store::Tx& tx) {
      // A payload SessionCache does not know: it drops everything it holds.
      tx.notify(store::sessions::kChangesChannel, "*");
    });
    report.sessions_announced = true;
    report.sessions_reach_other_processes = db.notifications().reaches_other_processes();
  }
  return report;
}

std::string describe(const CacheClearReport& r) {
  std::string out;
  bool all = r.group == CacheGroup::kAll;
  if (all || r.group == CacheGroup::kGenerations) {
    out += "generations: " + std::to_string(r.generations) + " cached answer(s) removed\n";
  }
  if (all || r.group == CacheGroup::kRateLimits) {
    out += "rate limits: " + std::to_string(r.rate_limits) +
           " key(s) removed (audit log: " + "cache.rate_limits_cleared)\n";
  }
  if (r.sessions_announced) {
    out += r.sessions_reach_other_processes
               ? "sessions: every running instance drops the sessions it keeps in memory and "
                 "asks the database again (no one is signed in or out)\n"
               : "sessions: nothing shared to clear with the embedded database (a server reads "
                 "each session from it again at least every second)\n";
  }
  return out;
}

}  // namespace prism::services::operations
