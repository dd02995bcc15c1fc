#include "cache/remote/command_cache.hpp"

#include <openssl/evp.h>

#include <cstdio>

#include "cache/backoff.hpp"
#include "cache/gcra.hpp"

namespace prism::cache {
namespace {

// incr as one command: a fresh key gets its expiry, an existing one keeps it.
const Script kIncrScript(R"lua(
local fresh = redis.call('EXISTS', KEYS[1]) == 0
local n = redis.call('INCR', KEYS[1])
if fresh and tonumber(ARGV[1]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n
)lua");

// gcra_step (cache/gcra.hpp) in Lua, on the server's clock so that every
// instance agrees on "now". Times are in microseconds.
const Script kGcraScript(R"lua(
local limit = tonumber(ARGV[1])
local period = tonumber(ARGV[2]) * 1000
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = math.max(1, math.floor(period / limit))
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local new_tat = tat + interval
local allow_at = new_tat - period
if now < allow_at then
  return {0, 0, math.ceil((allow_at - now) / 1000), math.ceil((tat - now) / 1000)}
end
redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.ceil((new_tat - now) / 1000))
return {1, math.floor((period - (new_tat - now)) / interval), 0, math.ceil((new_tat - now) / 1000)}
)lua");

// backoff_step (cache/backoff.hpp) in Lua, on the server's clock. The value
// is "count:first:lock" in microseconds; returns the lock left, in ms.
const Script kBackoffScript(R"lua(
local free = tonumber(ARGV[1])
local base = tonumber(ARGV[2]) * 1000
local max = tonumber(ARGV[3]) * 1000
local window = tonumber(ARGV[4]) * 1000
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local count, first, lock = 0, now, 0
local v = redis.call('GET', KEYS[1])
if v then
  local c, f, l = string.match(v, '^(%d+):(%d+):(%d+)$')
  if c then count, first, lock = tonumber(c), tonumber(f), tonumber(l) end
end
if now - first >= window then count, first = 0, now end
count = count + 1
if count >= free then
  local delay = math.min(base * 2 ^ math.min(count - free, 30), max)
  lock = math.max(lock, now + delay)
end
local keep = math.max(first + window, lock) - now
redis.call('SET', KEYS[1], string.format('%.0f:%.0f:%.0f', count, first, lock),
           'PX', math.max(1, math.ceil(keep / 1000)))
return math.max(0, math.ceil((lock - now) / 1000))
)lua");

// The lock a kBackoffScript key holds, in ms from the server's now.
const Script kLockedForScript(R"lua(
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local l = string.match(v, '^%d+:%d+:(%d+)$')
if not l then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
return math.max(0, math.ceil((tonumber(l) - now) / 1000))
)lua");

std::string sha1_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha1(), nullptr);
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < size; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

void check_ttl(std::chrono::seconds ttl) {
  if (ttl.count() < 0) throw std::invalid_argument("cache ttl must not be negative");
}

[[noreturn]] void unexpected(const char* command) {
  throw CacheError(std::string("unexpected reply to ") + command);
}

}  // namespace

Script::Script(std::string t) : text(std::move(t)), sha1(sha1_hex(text)) {}

Reply CommandCache::command(std::vector<std::string> argv) {
  commands_.add();
  Reply reply = execute(std::move(argv));
  if (reply.is_error()) throw CacheError("redis: " + reply.text);
  return reply;
}

Reply CommandCache::run_script(const Script& script, std::vector<std::string> keys,
                               std::vector<std::string> args) {
  std::vector<std::string> argv{"EVALSHA", script.sha1, std::to_string(keys.size())};
  argv.insert(argv.end(), keys.begin(), keys.end());
  argv.insert(argv.end(), args.begin(), args.end());
  commands_.add();
  Reply reply = execute(argv);
  if (reply.is_error() && reply.text.starts_with("NOSCRIPT")) {
    // A restarted or flushed server forgot the script: send it once in full.
    argv[0] = "EVAL";
    argv[1] = script.text;
    commands_.add();
    reply = execute(std::move(argv));
  }
  if (reply.is_error()) throw CacheError("redis: " + reply.text);
  return reply;
}

std::optional<std::string> CommandCache::get(std::string_view key) {
  Reply r = command({"GET", std::string(key)});
  if (r.type == Reply::Type::kNil) return std::nullopt;
  if (r.type != Reply::Type::kString) unexpected("GET");
  return std::move(r.text);
}

void CommandCache::set(std::string_view key, std::string value, std::chrono::seconds ttl) {
  check_ttl(ttl);
  std::vector<std::string> argv{"SET", std::string(key), std::move(value)};
  if (ttl.count() > 0) {
    argv.push_back("EX");
    argv.push_back(std::to_string(ttl.count()));
  }
  command(std::move(argv));
}

std::int64_t CommandCache::incr(std::string_view key, std::chrono::seconds ttl) {
  check_ttl(ttl);
  Reply r = run_script(kIncrScript, {std::string(key)}, {std::to_string(ttl.count())});
  if (r.type != Reply::Type::kInteger) unexpected("INCR");
  return r.integer;
}

void CommandCache::del(std::string_view key) { command({"DEL", std::string(key)}); }

void CommandCache::del_many(const std::vector<std::string>& keys) {
  if (keys.empty()) return;
  std::vector<std::string> argv{"DEL"};
  argv.insert(argv.end(), keys.begin(), keys.end());
  command(std::move(argv));
}

RateDecision CommandCache::rate_limit(std::string_view key, int limit,
                                      std::chrono::milliseconds period) {
  check_rate_limit(limit, period);
  Reply r = run_script(kGcraScript, {std::string(key)},
                       {std::to_string(limit), std::to_string(period.count())});
  if (r.type != Reply::Type::kArray || r.elements.size() != 4) unexpected("the rate limit script");
  for (const auto& e : r.elements) {
    if (e.type != Reply::Type::kInteger) unexpected("the rate limit script");
  }
  return RateDecision{r.elements[0].integer == 1, r.elements[1].integer,
                      std::chrono::milliseconds(r.elements[2].integer),
                      std::chrono::milliseconds(r.elements[3].integer)};
}

std::chrono::milliseconds CommandCache::record_failure(std::string_view key,
                                                       const BackoffPolicy& policy) {
  check_backoff(policy);
  Reply r = run_script(kBackoffScript, {std::string(key)},
                       {std::to_string(policy.free), std::to_string(policy.base.count()),
                        std::to_string(policy.max.count()), std::to_string(policy.window.count())});
  if (r.type != Reply::Type::kInteger) unexpected("the backoff script");
  return std::chrono::milliseconds(r.integer);
}

std::chrono::milliseconds CommandCache::locked_for(std::string_view key) {
  Reply r = run_script(kLockedForScript, {std::string(key)}, {});
  if (r.type != Reply::Type::kInteger) unexpected("the lock script");
  return std::chrono::milliseconds(r.integer);
}

namespace {
// SCAN's MATCH is a glob: the prefix's own *, ?, [ and \ match themselves.
std::string glob_prefix(std::string_view prefix) {
  std::string out;
  for (char c : prefix) {
    if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') out += '\\';
    out += c;
  }
  return out + "*";
}
}  // namespace

std::uint64_t CommandCache::clear_prefix(std::string_view prefix) {
  if (prefix.empty()) throw std::invalid_argument("cache prefix must not be empty");
  std::string pattern = glob_prefix(prefix);
  std::string cursor = "0";
  std::uint64_t removed = 0;
  do {
    Reply r = command({"SCAN", cursor, "MATCH", pattern, "COUNT", "1000"});
    if (r.type != Reply::Type::kArray || r.elements.size() != 2 ||
        r.elements[1].type != Reply::Type::kArray) {
      unexpected("SCAN");
    }
    cursor = r.elements[0].type == Reply::Type::kInteger ? std::to_string(r.elements[0].integer)
                                                         : r.elements[0].text;
    std::vector<std::string> argv{"UNLINK"};
    for (const auto& key : r.elements[1].elements) argv.push_back(key.text);
    // SCAN may return a key twice; UNLINK counts each key it really removed.
    if (argv.size() > 1) removed += static_cast<std::uint64_t>(command(std::move(argv)).integer);
  } while (cursor != "0");
  return removed;
}

bool CommandCache::ping() {
  try {
    Reply r = command({"PING"});
    return r.text == "PONG";
  } catch (const CacheError&) {
    return false;
  }
}

}  // namespace prism::cache
