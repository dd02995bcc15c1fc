#include "core/text.hpp"

#include <gtest/gtest.h>

namespace prism {
namespace {

TEST(Utf8Prefix, KeepsShortTextWhole) {
  EXPECT_EQ(utf8_prefix_length("abc", 3), 3u);
  EXPECT_EQ(utf8_prefix("abc", 10), "abc");
}

TEST(Utf8Prefix, NeverCutsACharacterInHalf) {
  const std::string s = "a\u00e9\u20ac\U0001F600";  // 1 + 2 + 3 + 4 bytes
  EXPECT_EQ(utf8_prefix_length(s, 1), 1u);
  EXPECT_EQ(utf8_prefix_length(s, 2), 1u);   // inside é
  EXPECT_EQ(utf8_prefix_length(s, 3), 3u);
  EXPECT_EQ(utf8_prefix_length(s, 5), 3u);   // inside €
  EXPECT_EQ(utf8_prefix_length(s, 6), 6u);
  EXPECT_EQ(utf8_prefix_length(s, 9), 6u);   // inside 😀
  EXPECT_EQ(utf8_prefix(s, 8), "a\u00e9\u20ac");
}

TEST(Utf8Prefix, IsZeroOnlyForNothingOrBrokenText) {
  EXPECT_EQ(utf8_prefix_length("\u00e9", 0), 0u);
  EXPECT_EQ(utf8_prefix_length("\u00e9", 1), 0u);
  EXPECT_EQ(utf8_prefix_length(std::string("\x80\x80\x80", 3), 2), 0u);
}

}  // namespace
}  // namespace prism
