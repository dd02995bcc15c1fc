#include "services/collab/mentions.hpp"

#include <gtest/gtest.h>

namespace prism::services::collab {
namespace {

TEST(Mentions, FindsEachMentionedIdOnceInOrder) {
  std::string md =
      "Hi @[Ada Lovelace](01a2-b3) and @[Grace](c4d5), see @[Ada Lovelace](01a2-b3) again. "
      "Not these: @[x](), @[](abc), @[a]b(c), [Ada](01a2), @[Bad](id with space)";
  EXPECT_EQ(mentioned_ids(md), (std::vector<std::string>{"01a2-b3", "c4d5"}));
  EXPECT_EQ(mentioned_ids(md, 1), (std::vector<std::string>{"01a2-b3"}));
}

TEST(Mentions, PlainTextNamesThePeople) {
  EXPECT_EQ(with_plain_mentions("Ask @[Ada Lovelace](u1), then @[Grace](u2)."),
            "Ask @Ada Lovelace, then @Grace.");
  EXPECT_EQ(with_plain_mentions("no @[mention here"), "no @[mention here");
}

TEST(Mentions, ExcerptsAreShortSingleLineAndUtf8Safe) {
  EXPECT_EQ(excerpt("  line one\n\n line   two @[Ada](u1) "), "line one line two @Ada");
  std::string long_text(300, 'a');
  long_text[199] = '\xC3';
  long_text[200] = '\xA9';
  std::string e = excerpt(long_text);
  EXPECT_LE(e.size(), 200U + std::string("…").size());
  EXPECT_TRUE(e.ends_with("…"));
  EXPECT_EQ(e.find('\xC3'), std::string::npos) << "a cut character";
}

}  // namespace
}  // namespace prism::services::collab
