#include "core/ids.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "core/crypto.hpp"

namespace prism {
namespace {

TEST(Ids, AreVersion7WithTheRfcVariant) {
  crypto::init();
  std::string id = new_id();
  EXPECT_TRUE(looks_like_id(id));
  EXPECT_EQ(id[14], '7');
  EXPECT_TRUE(id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b');
}

TEST(Ids, SortInCreationOrderEvenWithinOneMillisecond) {
  crypto::init();
  std::string prev = new_id();
  for (int i = 0; i < 20000; ++i) {
    std::string next = new_id();
    ASSERT_LT(prev, next) << "after " << i << " ids";
    prev = next;
  }
}

TEST(Ids, AreUniqueAcrossThreads) {
  crypto::init();
  std::vector<std::vector<std::string>> made(4);
  std::vector<std::thread> threads;
  for (auto& out : made) {
    threads.emplace_back([&out] {
      for (int i = 0; i < 5000; ++i) out.push_back(new_id());
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> all;
  for (const auto& out : made) {
    EXPECT_TRUE(std::is_sorted(out.begin(), out.end()));
    all.insert(out.begin(), out.end());
  }
  EXPECT_EQ(all.size(), 20000u);
}

}  // namespace
}  // namespace prism
