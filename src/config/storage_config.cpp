#include "config/storage_config.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <utility>

#include "core/text.hpp"

namespace prism::config {

namespace {

constexpr std::int64_t kMinQuota = 1024 * 1024;

std::int64_t parse_quota(const std::string& name, const std::string& value) {
  auto bad = [&] {
    return ConfigError(name,
                       "must be a size in bytes of at least 1 MiB, e.g. 3000000000, 3GB or "
                       "512MiB; got \"" +
                           value + "\"");
  };
  double number = 0;
  std::size_t used = 0;
  try {
    number = std::stod(value, &used);
  } catch (const std::exception&) {
    throw bad();
  }
  std::string unit = ascii_lower(trim_blanks(std::string_view(value).substr(used)));
  static constexpr std::array<std::pair<std::string_view, double>, 10> kUnits{
      {{"", 1},
       {"b", 1},
       {"kb", 1e3},
       {"mb", 1e6},
       {"gb", 1e9},
       {"tb", 1e12},
       {"kib", 1024.0},
       {"mib", 1048576.0},
       {"gib", 1073741824.0},
       {"tib", 1099511627776.0}}};
  for (const auto& [name_of_unit, factor] : kUnits) {
    if (unit != name_of_unit) continue;
    double bytes = number * factor;
    if (!std::isfinite(bytes) || bytes < kMinQuota || bytes > 9.0e18) throw bad();
    return static_cast<std::int64_t>(bytes);
  }
  throw bad();
}

}  // namespace

StorageConfig load_storage_config(const Env& env) {
  StorageConfig c;
  std::string quota = env_string(env, "DATABASE_QUOTA_BYTES");
  if (!quota.empty()) c.quota_bytes = parse_quota("DATABASE_QUOTA_BYTES", quota);
  return c;
}

std::string human_bytes(std::int64_t bytes) {
  static constexpr std::array<const char*, 5> kUnits{"bytes", "kB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes);
  std::size_t u = 0;
  while (v >= 1000 && u + 1 < kUnits.size()) {
    v /= 1000;
    ++u;
  }
  char out[32];
  if (u == 0) {
    std::snprintf(out, sizeof out, "%lld bytes", static_cast<long long>(bytes));
  } else {
    std::snprintf(out, sizeof out, "%.2f %s", v, kUnits[u]);
  }
  return out;
}

std::string describe(const StorageConfig& c) {
  return "DATABASE_QUOTA_BYTES=" +
         (c.quota_bytes > 0
              ? std::to_string(c.quota_bytes) + " (" + human_bytes(c.quota_bytes) + ")"
              : std::string("(none)")) +
         "\n";
}

}  // namespace prism::config
