#include "cli/cache_command.hpp"

#include <chrono>
#include <iostream>
#include <thread>

#include "app/open_cache.hpp"
#include "cli/current_database.hpp"
#include "services/operations/cache_clear.hpp"

namespace prism::cli {

int cache_clear_command(const config::Config& config, const std::string& group_name) {
  auto group = services::operations::parse_cache_group(group_name);
  if (!group) {
    std::cerr << "error: --prefix must be generations, sessions, ratelimits or all\n";
    return 2;
  }
  auto db = open_current_database(config);
  auto cache = app::open_cache(config.cache);
  // The remote connects in the background; give it a few seconds, as a
  // server would, before the first command.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!cache->ping() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  auto status = cache->status();
  std::cout << "cache: " << status.backend << "\n";
  if (status.backend == "memory") {
    std::cout << "the in-process cache lives in each server process and goes with it; "
                 "nothing shared to clear\n";
  }
  try {
    std::cout << services::operations::describe(
        services::operations::clear_cache(*cache, *db, *group));
  } catch (const cache::CacheError& e) {
    std::cerr << "error: the cache could not be cleared: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace prism::cli
