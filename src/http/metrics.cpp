#include "http/metrics.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>

namespace prism::http {

namespace {

std::string escape_label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

long resident_bytes() {
  std::ifstream in("/proc/self/statm");
  long size = 0, resident = 0;
  in >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

Metrics::Metrics() : started_(std::chrono::steady_clock::now()) {}

void Metrics::observe(std::string_view route, std::string_view method, int status,
                      double seconds) {
  std::lock_guard lock(mutex_);
  auto series = requests_.find(SeriesView{route, method, status});
  if (series == requests_.end()) {
    series = requests_.emplace(SeriesKey{std::string(route), std::string(method), status}, Series{}).first;
  }
  ++series->second.count;
  auto histogram = latency_.find(route);
  if (histogram == latency_.end()) histogram = latency_.emplace(std::string(route), Histogram{}).first;
  Histogram& h = histogram->second;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render() const {
  std::ostringstream out;
  out << "# HELP prism_http_requests_total HTTP requests by route template, method and status.\n"
      << "# TYPE prism_http_requests_total counter\n";
  std::lock_guard lock(mutex_);
  for (const auto& [key, series] : requests_) {
    const auto& [route, method, status] = key;
    out << "prism_http_requests_total{route=\"" << escape_label(route) << "\",method=\"" << method
        << "\",status=\"" << status << "\"} " << series.count << "\n";
  }
  out << "# HELP prism_http_request_duration_seconds Request latency by route template.\n"
      << "# TYPE prism_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    std::string label = "route=\"" + escape_label(route) + "\"";
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out << "prism_http_request_duration_seconds_bucket{" << label << ",le=\"" << kBuckets[i]
          << "\"} " << h.buckets[i] << "\n";
    }
    out << "prism_http_request_duration_seconds_bucket{" << label << ",le=\"+Inf\"} " << h.count << "\n"
        << "prism_http_request_duration_seconds_sum{" << label << "} " << h.sum << "\n"
        << "prism_http_request_duration_seconds_count{" << label << "} " << h.count << "\n";
  }
  auto uptime = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  out << "# HELP prism_http_requests_in_flight Requests being served now.\n"
      << "# TYPE prism_http_requests_in_flight gauge\n"
      << "prism_http_requests_in_flight " << in_flight() << "\n"
      << "# HELP prism_worker_queue_depth Tasks waiting for a worker thread.\n"
      << "# TYPE prism_worker_queue_depth gauge\n"
      << "prism_worker_queue_depth " << (queue_depth_ ? queue_depth_() : 0) << "\n"
      << "# HELP process_resident_memory_bytes Resident set size.\n"
      << "# TYPE process_resident_memory_bytes gauge\n"
      << "process_resident_memory_bytes " << resident_bytes() << "\n"
      << "# HELP prism_uptime_seconds Seconds since the process started.\n"
      << "# TYPE prism_uptime_seconds gauge\n"
      << "prism_uptime_seconds " << uptime << "\n";
  for (const auto& source : sources_) out << source();
  return out.str();
}

}  // namespace prism::http
