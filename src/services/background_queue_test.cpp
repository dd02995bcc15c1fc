#include "services/background_queue.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace prism::services {
namespace {

TEST(BackgroundQueue, RunsJobsInOrderOffTheCallingThread) {
  std::vector<int> order;
  std::thread::id caller = std::this_thread::get_id(), ran_on;
  BackgroundQueue q("test");
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(q.post([&, i] {
      order.push_back(i);
      ran_on = std::this_thread::get_id();
    }));
  }
  q.wait_idle();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_NE(ran_on, caller);
}

TEST(BackgroundQueue, AFailingJobDoesNotStopTheQueue) {
  std::atomic<int> done{0};
  BackgroundQueue q("test");
  q.post([] { throw std::runtime_error("smtp down"); });
  q.post([&] { ++done; });
  q.wait_idle();
  EXPECT_EQ(done, 1);
}

TEST(BackgroundQueue, DropsJobsWhenFullAndDrainsOnDestruction) {
  std::atomic<int> done{0};
  std::atomic<bool> release{false};
  {
    BackgroundQueue q("test", 2);
    q.post([&] {
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      ++done;
    });
    // The first job may or may not have been taken off the queue yet.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_TRUE(q.post([&] { ++done; }));
    EXPECT_TRUE(q.post([&] { ++done; }));
    EXPECT_FALSE(q.post([&] { ++done; }));
    release = true;
  }
  EXPECT_EQ(done, 3);
}

}  // namespace
}  // namespace prism::services
