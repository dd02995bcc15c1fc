#include "app/cache_wiring.hpp"

namespace prism::app {

api::ReadinessCheck cache_readiness(cache::ResilientCache& cache) {
  api::ReadinessCheck check;
  check.name = "cache";
  check.check = [&cache] { return cache.ping(); };
  check.report = [&cache](bool& ok) {
    cache::CacheStatus s = cache.status();
    ok = s.up;
    json::object report{{"backend", s.backend}, {"budget_exhausted", s.budget_exhausted}};
    // The in-process cache bills nothing; its count would only make the body
    // change from one probe to the next.
    if (s.backend != "memory") report["commands_today"] = s.commands_today;
    if (s.daily_budget) report["daily_command_budget"] = *s.daily_budget;
    if (!s.up) report["cause"] = s.cause;
    if (!s.up || s.budget_exhausted) report["serving_from"] = "in-process fallback";
    return report;
  };
  return check;
}

std::string cache_metrics(const cache::ResilientCache& cache) {
  std::string out =
      "# HELP prism_cache_commands_total Cache commands sent today (UTC day; resets at midnight).\n"
      "# TYPE prism_cache_commands_total counter\n"
      "prism_cache_commands_total " +
      std::to_string(cache.commands_today()) + "\n";
  auto budget = cache.daily_budget();
  out +=
      "# HELP prism_cache_command_budget Cache commands allowed per UTC day "
      "(REDIS_DAILY_COMMAND_BUDGET; +Inf: unlimited).\n"
      "# TYPE prism_cache_command_budget gauge\n"
      "prism_cache_command_budget " +
      (budget ? std::to_string(*budget) : std::string("+Inf")) + "\n";
  return out;
}

}  // namespace prism::app
