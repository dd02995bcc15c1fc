#include "cache/upstash/upstash_cache.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <boost/json/parse.hpp>
#include <boost/url/parse.hpp>
#include <stdexcept>

#include "cache/upstash/upstash_wire.hpp"

namespace prism::cache {
namespace {

using namespace std::chrono_literals;

constexpr auto kMaxBackoff = 5s;

// Stores hex-encoded bytes as the bytes they encode (see UpstashCache::set).
const Script kSetHexScript(R"lua(
local v = ARGV[1]:gsub('..', function(h) return string.char(tonumber(h, 16)) end)
if tonumber(ARGV[2]) > 0 then return redis.call('SET', KEYS[1], v, 'EX', ARGV[2]) end
return redis.call('SET', KEYS[1], v)
)lua");

std::size_t collect(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) out += {kDigits[c >> 4], kDigits[c & 15]};
  return out;
}

}  // namespace

void check_upstash_url(const std::string& url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->host().empty()) throw std::invalid_argument("is not a URL");
  if (parsed->scheme() == "https") return;
  if (parsed->scheme() != "http") throw std::invalid_argument("must be an https:// URL");
  std::string host(parsed->host_address());
  if (host != "localhost" && host != "::1" && !host.starts_with("127.")) {
    throw std::invalid_argument("must be https:// (plain http:// only to a loopback host)");
  }
}

UpstashCache::UpstashCache(UpstashSettings settings) : settings_(std::move(settings)) {
  check_upstash_url(settings_.url);
  headers_ = curl_slist_append(headers_, ("Authorization: Bearer " + settings_.token).c_str());
  headers_ = curl_slist_append(headers_, "Content-Type: application/json");
  headers_ = curl_slist_append(headers_, "Upstash-Encoding: base64");
  prober_ = std::thread([this] { probe_loop(); });
}

UpstashCache::~UpstashCache() {
  {
    std::lock_guard lock(state_mutex_);
    stopping_ = true;
  }
  state_cv_.notify_all();
  prober_.join();
  for (CURL* h : handles_) curl_easy_cleanup(h);
  curl_slist_free_all(headers_);
}

std::optional<std::string> UpstashCache::down_reason() const {
  if (up_) return std::nullopt;
  std::lock_guard lock(state_mutex_);
  return cause_;
}

CURL* UpstashCache::take_handle() {
  {
    std::lock_guard lock(handles_mutex_);
    if (!handles_.empty()) {
      CURL* h = handles_.back();
      handles_.pop_back();
      return h;
    }
  }
  CURL* h = curl_easy_init();
  if (!h) throw CacheUnavailable("upstash: cannot create a curl handle");
  curl_easy_setopt(h, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers_);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.timeout.count()));
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  return h;
}

void UpstashCache::give_back(CURL* handle) {
  std::lock_guard lock(handles_mutex_);
  handles_.push_back(handle);
}

Reply UpstashCache::send(const std::vector<std::string>& argv) {
  std::string body = upstash::command_body(argv);
  std::string answer;
  CURL* h = take_handle();
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &answer);
  CURLcode rc = curl_easy_perform(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  give_back(h);
  // curl's messages name the failure, never the URL's secrets or the token.
  if (rc != CURLE_OK) throw CacheUnavailable(std::string("upstash: ") + curl_easy_strerror(rc));
  if (status == 401 || status == 403) {
    throw CacheUnavailable("upstash rejected the token (HTTP " + std::to_string(status) + ")");
  }
  if (status >= 500) throw CacheUnavailable("upstash answered HTTP " + std::to_string(status));
  boost::system::error_code ec;
  auto value = boost::json::parse(answer, ec);
  if (ec)
    throw CacheUnavailable("upstash: the answer is not JSON (HTTP " + std::to_string(status) + ")");
  return upstash::reply_from_json(value, true);
}

Reply UpstashCache::execute(std::vector<std::string> argv) {
  if (!up_) throw CacheUnavailable("upstash is unavailable: " + down_reason().value_or("probing"));
  try {
    return send(argv);
  } catch (const CacheUnavailable& e) {
    mark_down(e.what());
    throw;
  }
}

void UpstashCache::set(std::string_view key, std::string value, std::chrono::seconds ttl) {
  if (upstash::json_safe(value)) return CommandCache::set(key, std::move(value), ttl);
  if (ttl.count() < 0) throw std::invalid_argument("cache ttl must not be negative");
  run_script(kSetHexScript, {std::string(key)}, {hex(value), std::to_string(ttl.count())});
}

void UpstashCache::mark_down(const std::string& cause) {
  std::lock_guard lock(state_mutex_);
  if (!up_) return;
  up_ = false;
  cause_ = cause;
  spdlog::warn("upstash: unavailable: {}", cause);
  state_cv_.notify_all();
}

void UpstashCache::probe_loop() {
  std::unique_lock lock(state_mutex_);
  while (!stopping_) {
    state_cv_.wait(lock, [this] { return stopping_ || !up_; });
    auto backoff = std::chrono::milliseconds(100);
    while (!stopping_ && !up_) {
      if (state_cv_.wait_for(lock, backoff, [this] { return stopping_; })) break;
      lock.unlock();
      std::string cause;
      try {
        commands_.add();
        Reply r = send({"PING"});
        if (r.is_error()) cause = "PING failed: " + r.text;
      } catch (const CacheUnavailable& e) {
        cause = e.what();
      }
      lock.lock();
      if (cause.empty()) {
        up_ = true;
        spdlog::info("upstash: reachable again");
      } else if (cause != cause_) {
        cause_ = cause;
        spdlog::warn("upstash: still unavailable: {}", cause);
      }
      backoff = std::min<std::chrono::milliseconds>(backoff * 2, kMaxBackoff);
    }
  }
}

}  // namespace prism::cache
