#pragma once

#include <curl/curl.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <vector>

#include "ai/provider.hpp"

namespace prism::ai::http {

// One transfer handed to the loop. The easy handle's callbacks run on the
// loop's thread and update `last_byte`; the loop fills in the outcome.
struct LoopTransfer {
  CURL* easy = nullptr;
  const CancelToken* cancel = nullptr;
  std::chrono::steady_clock::duration idle_timeout = std::chrono::seconds(60);
  std::chrono::steady_clock::time_point last_byte = std::chrono::steady_clock::now();

  // Set by the loop when the transfer ends.
  CURLcode code = CURLE_OK;
  bool timed_out = false;  // no byte for idle_timeout
  bool cancelled = false;

  std::mutex mutex;
  std::condition_variable ended_cv;
  bool ended = false;
};

// Runs every provider transfer of the process on one thread, with libcurl's
// multi-socket interface over epoll. A generation's thread only waits for
// its transfer to end: each streamed event is read, parsed and handed on
// where it arrives, instead of waking one blocked thread per generation.
//
// Cancel tokens and idle timeouts are checked every 100 ms (and a cancelled
// transfer stops at its next received byte), so cancelling closes the
// upstream connection within about that long.
class CurlLoop {
 public:
  CurlLoop();
  ~CurlLoop();
  CurlLoop(const CurlLoop&) = delete;
  CurlLoop& operator=(const CurlLoop&) = delete;

  // The process's loop, started on first use.
  static CurlLoop& shared();

  // Runs the transfer to its end (done, failed, cancelled or timed out) and
  // removes it from the loop, which closes its connection if unfinished.
  // Blocks the calling thread meanwhile.
  void run(LoopTransfer& transfer);

 private:
  static int on_socket(CURL* easy, curl_socket_t fd, int what, void* self, void* socketp);
  static int on_timer(CURLM* multi, long timeout_ms, void* self);

  void loop();
  void take_submitted();
  void drain_messages();
  void check_cancels_and_idle(std::chrono::steady_clock::time_point now);
  void end(LoopTransfer* transfer);
  void wake();

  CURLM* multi_ = nullptr;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;

  std::mutex mutex_;  // guards submitted_ and stopping_
  std::vector<LoopTransfer*> submitted_;
  bool stopping_ = false;

  // Loop thread only.
  std::unordered_set<LoopTransfer*> active_;
  std::chrono::steady_clock::time_point timer_at_ = std::chrono::steady_clock::time_point::max();

  std::thread thread_;
};

}  // namespace prism::ai::http
