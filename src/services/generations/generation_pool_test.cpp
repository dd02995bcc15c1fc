#include "services/generations/generation_pool.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

namespace prism::services::generations {
namespace {

// A pool with one worker, held by a first job of `holder` until release():
// what is queued meanwhile shows the order a freed worker takes jobs in.
class HeldPool {
 public:
  explicit HeldPool(const std::string& holder) {
    pool.post(holder, [this] {
      std::unique_lock lock(mu_);
      started_ = true;
      cv_.notify_all();
      cv_.wait(lock, [this] { return released_; });
      order_.push_back("held");
    });
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return started_; });
  }

  void queue(const std::string& key, const std::string& name) {
    ASSERT_TRUE(pool.post(key, [this, name] {
      std::lock_guard lock(mu_);
      order_.push_back(name);
    }));
  }

  std::vector<std::string> release_and_wait() {
    {
      std::lock_guard lock(mu_);
      released_ = true;
    }
    cv_.notify_all();
    pool.wait_idle();
    std::lock_guard lock(mu_);
    return order_;
  }

  GenerationPool pool{1, 100};

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool started_ = false;
  bool released_ = false;
  std::vector<std::string> order_;
};

TEST(GenerationPool, AFreedWorkerTakesAnotherOrganizationsJobBeforeTheLongQueue) {
  HeldPool held("org-a");
  for (int i = 1; i <= 5; ++i) held.queue("org-a", "a" + std::to_string(i));
  held.queue("org-b", "b1");
  EXPECT_EQ(held.release_and_wait(),
            (std::vector<std::string>{"held", "b1", "a1", "a2", "a3", "a4", "a5"}));
}

TEST(GenerationPool, OrganizationsTakeTurnsAndEachKeepsItsOrder) {
  HeldPool held("org-a");
  for (const char* name : {"a1", "a2", "a3"}) held.queue("org-a", name);
  for (const char* name : {"b1", "b2"}) held.queue("org-b", name);
  held.queue("org-c", "c1");
  EXPECT_EQ(held.release_and_wait(),
            (std::vector<std::string>{"held", "b1", "c1", "a1", "b2", "a2", "a3"}));
}

TEST(GenerationPool, AFullQueueRefusesMoreWork) {
  HeldPool held("org-a");
  GenerationPool& pool = held.pool;
  int accepted = 0;
  for (int i = 0; i < 150; ++i)
    accepted += pool.post("org-" + std::to_string(i % 3), [] {}) ? 1 : 0;
  EXPECT_EQ(accepted, 100);
  held.release_and_wait();
}

}  // namespace
}  // namespace prism::services::generations
