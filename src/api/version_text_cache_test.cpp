#include "api/version_text_cache.hpp"

#include <gtest/gtest.h>

namespace prism::api {
namespace {

TEST(VersionTextCacheTest, MakesTheTextOfAVersionOnce) {
  VersionTextCache cache;
  int made = 0;
  auto make = [&](std::string text) {
    return [&made, text] {
      ++made;
      return text;
    };
  };
  EXPECT_EQ(*cache.get("doc-1", 1, make("one")), "one");
  EXPECT_EQ(*cache.get("doc-1", 1, make("changed")), "one");
  EXPECT_EQ(made, 1);
  // Another version, or the same number of another document, is its own text.
  EXPECT_EQ(*cache.get("doc-1", 2, make("two")), "two");
  EXPECT_EQ(*cache.get("doc-2", 1, make("other")), "other");
  EXPECT_EQ(made, 3);
  EXPECT_EQ(*cache.get("doc-1", 2, make("x")), "two");
  EXPECT_EQ(made, 3);
}

TEST(VersionTextCacheTest, StaysWithinItsBudget) {
  VersionTextCache cache(100);
  int made = 0;
  auto forty = [&] {
    ++made;
    return std::string(40, 'x');
  };
  cache.get("a", 1, forty);
  cache.get("b", 1, forty);
  EXPECT_LE(cache.bytes(), 100u);
  EXPECT_GT(cache.bytes(), 80u);
  cache.get("c", 1, forty);  // passes the budget: starts again empty
  EXPECT_LE(cache.bytes(), 100u);
  cache.get("a", 1, forty);  // dropped with the rest
  EXPECT_EQ(made, 4);

  // A text larger than the whole budget is answered but never kept.
  auto huge = [&] {
    ++made;
    return std::string(500, 'y');
  };
  EXPECT_EQ(cache.get("d", 1, huge)->size(), 500u);
  EXPECT_EQ(cache.get("d", 1, huge)->size(), 500u);
  EXPECT_EQ(made, 6);
  EXPECT_LE(cache.bytes(), 100u);
}

}  // namespace
}  // namespace prism::api
