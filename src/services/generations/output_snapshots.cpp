#include "services/generations/output_snapshots.hpp"

#include <spdlog/spdlog.h>

#include "core/thread_name.hpp"
#include "store/generations_store.hpp"

namespace prism::services::generations {

OutputSnapshots::OutputSnapshots(store::Database& db, std::chrono::milliseconds interval)
    : db_(db), interval_(interval), thread_([this] {
        name_this_thread("prism-snapshot");
        loop();
      }) {}

OutputSnapshots::~OutputSnapshots() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  flush();
}

void OutputSnapshots::offer(const std::string& id, std::string output) {
  std::lock_guard lock(mutex_);
  pending_[id] = std::move(output);
}

void OutputSnapshots::flush() {
  std::lock_guard writing(write_mutex_);
  std::map<std::string, std::string> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(pending_);
  }
  if (batch.empty()) return;
  try {
    db_.write([&](store::Tx& tx) {
      for (const auto& [id, output] : batch) store::generations::update_output(tx, id, output);
    });
  } catch (const std::exception& e) {
    // Only progress is lost: the final output is written when a generation ends.
    spdlog::warn("generation output snapshots not written: {}", e.what());
  }
}

void OutputSnapshots::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    flush();
    lock.lock();
  }
}

}  // namespace prism::services::generations
