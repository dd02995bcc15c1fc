#pragma once

#include <cstdint>
#include <string>

#include "config/env_values.hpp"

namespace prism::config {

// How much the database may hold. On PostgreSQL the server (Neon's project
// limit, a disk) enforces its own limit and PRISM reports against this one;
// the embedded SQLite database enforces it: its file grows no further.
struct StorageConfig {
  std::int64_t quota_bytes = 0;  // DATABASE_QUOTA_BYTES; 0: unset
  int warn_percent = 80;         // /ready warns, and the log once a day, from here
};

// DATABASE_QUOTA_BYTES: bytes ("3000000000") or a number with a unit: kB,
// MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024), e.g.
// "3GB" or "512 MiB"; at least 1 MiB. Throws ConfigError naming it.
StorageConfig load_storage_config(const Env& env);
std::string describe(const StorageConfig& config);
// "2.80 GB" (powers of 1000, as providers state their quotas).
std::string human_bytes(std::int64_t bytes);

}  // namespace prism::config
