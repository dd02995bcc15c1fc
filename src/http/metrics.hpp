#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace prism::http {

// Prometheus metrics: requests by route template, method and status; a
// latency histogram; requests in flight; RSS; uptime; worker-queue depth.
class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  Metrics();

  // Called for every request: finds its series without allocating.
  void observe(std::string_view route, std::string_view method, int status, double seconds);
  void request_started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void request_finished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }
  long in_flight() const { return in_flight_.load(std::memory_order_relaxed); }
  void set_queue_depth_source(std::function<long()> source) { queue_depth_ = std::move(source); }
  // More exposition text appended to render() (e.g. the cache's counters),
  // from a component that keeps its own numbers. Called before serving.
  void add_source(std::function<std::string()> source) { sources_.push_back(std::move(source)); }

  std::string render() const;

 private:
  struct Series {
    std::uint64_t count = 0;
  };
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };

  mutable std::mutex mutex_;
  using SeriesKey = std::tuple<std::string, std::string, int>;  // route, method, status
  using SeriesView = std::tuple<std::string_view, std::string_view, int>;
  // Orders keys and views alike, so a lookup needs no std::string.
  struct SeriesLess {
    using is_transparent = void;
    static SeriesView view(const SeriesKey& k) { return {std::get<0>(k), std::get<1>(k), std::get<2>(k)}; }
    static SeriesView view(const SeriesView& v) { return v; }
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const { return view(a) < view(b); }
  };
  std::map<SeriesKey, Series, SeriesLess> requests_;
  std::map<std::string, Histogram, std::less<>> latency_;  // by route template
  std::atomic<long> in_flight_{0};
  std::function<long()> queue_depth_;
  std::vector<std::function<std::string()>> sources_;
  std::chrono::steady_clock::time_point started_;
};

// Resident set size of this process in bytes (from /proc/self/statm).
long resident_bytes();

}  // namespace prism::http
