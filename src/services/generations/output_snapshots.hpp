#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "core/periodic_thread.hpp"
#include "store/database.hpp"

namespace prism::services::generations {

// Progress snapshots of the output of running generations (what
// GET /generations/{id} shows while one streams). One background thread
// writes every pending snapshot in a single transaction per interval, so a
// streaming generation never waits for the database: with synchronous
// commits, a write per generation per interval would queue hundreds of
// fsyncs behind the one writer and hold up every stream's next delta.
class OutputSnapshots {
 public:
  OutputSnapshots(store::Database& db, std::chrono::milliseconds interval);
  // Writes what is pending, then stops.
  ~OutputSnapshots();
  OutputSnapshots(const OutputSnapshots&) = delete;
  OutputSnapshots& operator=(const OutputSnapshots&) = delete;

  // The latest output of generation `id`; a newer offer replaces an older
  // one not yet written. Snapshots of generations that have ended are not
  // written (the store only updates running ones).
  void offer(const std::string& id, std::string output);
  // Writes what is pending now.
  void flush();

 private:
  store::Database& db_;
  std::mutex mutex_;
  std::map<std::string, std::string> pending_;
  std::mutex write_mutex_;  // flush() and the thread write one at a time
  PeriodicThread thread_;   // last: stops before the rest goes
};

}  // namespace prism::services::generations
