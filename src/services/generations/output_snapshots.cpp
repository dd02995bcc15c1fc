#include "services/generations/output_snapshots.hpp"

#include <spdlog/spdlog.h>

#include "store/generations_store.hpp"

namespace prism::services::generations {

OutputSnapshots::OutputSnapshots(store::Database& db, std::chrono::milliseconds interval)
    : db_(db), thread_("prism-snapshot", interval, [this] { flush(); }) {}

OutputSnapshots::~OutputSnapshots() { flush(); }

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

}  // namespace prism::services::generations
