#include "services/generations/generation_pool.hpp"

#include <spdlog/spdlog.h>

#include "core/thread_name.hpp"

namespace prism::services::generations {

GenerationPool::GenerationPool(int threads, std::size_t capacity) : capacity_(capacity) {
  for (int i = 0; i < (threads < 1 ? 1 : threads); ++i)
    threads_.emplace_back([this] {
      name_this_thread("prism-gen");
      run();
    });
}

GenerationPool::~GenerationPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

bool GenerationPool::post(std::string key, std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queued_ >= capacity_) return false;
    queues_[std::move(key)].push_back(std::move(job));
    ++queued_;
  }
  wake_.notify_one();
  return true;
}

void GenerationPool::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return queued_ == 0 && busy_ == 0; });
}

std::function<void()> GenerationPool::take() {
  auto it = queues_.upper_bound(last_key_);
  if (it == queues_.end()) it = queues_.begin();
  std::function<void()> job = std::move(it->second.front());
  it->second.pop_front();
  last_key_ = it->first;
  if (it->second.empty()) queues_.erase(it);
  --queued_;
  return job;
}

void GenerationPool::run() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || queued_ > 0; });
      if (queued_ == 0) return;
      job = take();
      ++busy_;
    }
    try {
      job();
    } catch (const std::exception& e) {
      spdlog::error("generation job failed: {}", e.what());
    }
    {
      std::lock_guard lock(mutex_);
      --busy_;
    }
    idle_.notify_all();
  }
}

}  // namespace prism::services::generations
