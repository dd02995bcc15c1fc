#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cache/remote/command_cache.hpp"

typedef void CURL;
struct curl_slist;

namespace prism::cache {

struct UpstashSettings {
  std::string url;    // UPSTASH_REDIS_REST_URL
  std::string token;  // UPSTASH_REDIS_REST_TOKEN
  std::chrono::milliseconds timeout{250};
};

// Throws std::invalid_argument unless `url` is https://, or http:// to a
// loopback host (a local stand-in: the token must not cross a network in
// clear text).
void check_upstash_url(const std::string& url);

// A Cache over Upstash's REST API through libcurl, one JSON command per
// request on kept-alive connections (one curl handle per concurrent caller,
// reused). A transport error, a timeout, a 5xx or a rejected token opens the
// circuit: calls fail at once while a background thread PINGs with backoff
// until the service answers again.
class UpstashCache final : public CommandCache {
 public:
  explicit UpstashCache(UpstashSettings settings);
  ~UpstashCache() override;

  // Values that are not valid UTF-8 cannot travel in a JSON string; they go
  // hex-encoded to a script that stores the original bytes.
  void set(std::string_view key, std::string value, std::chrono::seconds ttl) override;
  std::optional<std::string> down_reason() const override;

 protected:
  Reply execute(std::vector<std::string> argv) override;

 private:
  Reply send(const std::vector<std::string>& argv);
  void mark_down(const std::string& cause);
  void probe_loop();
  CURL* take_handle();
  void give_back(CURL* handle);

  const UpstashSettings settings_;
  curl_slist* headers_ = nullptr;
  std::mutex handles_mutex_;
  std::vector<CURL*> handles_;  // idle, each keeping its connection open
  std::atomic<bool> up_{true};
  mutable std::mutex state_mutex_;
  std::condition_variable state_cv_;
  std::string cause_;
  bool stopping_ = false;
  std::thread prober_;
};

}  // namespace prism::cache
