#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cache/cache.hpp"
#include "cache/command_counter.hpp"
#include "cache/remote/reply.hpp"

namespace prism::cache {

// A Lua script sent by its SHA1 (EVALSHA) and by its text only when the
// server does not know it yet (NOSCRIPT).
struct Script {
  explicit Script(std::string text);
  std::string text;
  std::string sha1;
};

// The Cache operations in Redis commands, for every backend that speaks to a
// Redis (RESP, Upstash REST). A backend supplies `execute` and its health;
// each Cache call is one command (scripts make incr and rate_limit atomic).
class CommandCache : public Cache {
 public:
  std::optional<std::string> get(std::string_view key) override;
  void set(std::string_view key, std::string value, std::chrono::seconds ttl) override;
  std::int64_t incr(std::string_view key, std::chrono::seconds ttl) override;
  void del(std::string_view key) override;
  // Deletes several keys in one command.
  void del_many(const std::vector<std::string>& keys);
  RateDecision rate_limit(std::string_view key, int limit,
                          std::chrono::milliseconds period) override;
  std::chrono::milliseconds record_failure(std::string_view key,
                                           const BackoffPolicy& policy) override;
  std::chrono::milliseconds locked_for(std::string_view key) override;
  std::uint64_t clear_prefix(std::string_view prefix) override;
  bool ping() override;
  std::uint64_t commands_today() const override { return commands_.today(); }

  // Why the backend is down (no secret in it), or nothing while it is up.
  virtual std::optional<std::string> down_reason() const = 0;

 protected:
  // Sends one command and returns its reply (error replies included). Throws
  // CacheUnavailable when the backend cannot answer within its deadline.
  virtual Reply execute(std::vector<std::string> argv) = 0;

  // execute(), counted, with an error reply thrown as CacheError.
  Reply command(std::vector<std::string> argv);
  Reply run_script(const Script& script, std::vector<std::string> keys,
                   std::vector<std::string> args);

  CommandCounter commands_;
};

}  // namespace prism::cache
