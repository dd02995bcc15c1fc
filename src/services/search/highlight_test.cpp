#include "services/search/highlight.hpp"

#include <gtest/gtest.h>

namespace prism::services::search {
namespace {

// The pieces as "plain[match]plain" for compact expectations.
std::string shown(const std::vector<Segment>& segments) {
  std::string out;
  for (const auto& s : segments) out += s.match ? "[" + s.text + "]" : s.text;
  return out;
}

TEST(Highlight, MarksWholeWordsAndTheLastWordAsAPrefix) {
  EXPECT_EQ(shown(highlight("Checkout by card, checkouts later", {"checkout"})),
            "[Checkout] by card, [checkouts] later");
  EXPECT_EQ(shown(highlight("Checkout by card, checkouts later", {"checkout", "card"})),
            "[Checkout] by [card], checkouts later")
      << "only the last word matches as a prefix";
  EXPECT_EQ(shown(highlight("Pay by card", {"cards"})), "Pay by card");
  EXPECT_EQ(shown(highlight("", {"x"})), "");
  EXPECT_EQ(shown(highlight("No words asked", {})), "No words asked");
}

TEST(Highlight, IgnoresCaseAndLatinDiacriticsLikeTheIndex) {
  EXPECT_EQ(shown(highlight("Le CAFÉ crème", {"cafe", "creme"})), "Le [CAFÉ] [crème]");
  EXPECT_EQ(shown(highlight("Ein Straßenfest", {"STRASSENFEST"})), "Ein Straßenfest")
      << "ß is its own letter, as in the index";
  EXPECT_EQ(shown(highlight("Zoë — naïve", {"zoe"})), "[Zoë] — naïve");
  EXPECT_EQ(shown(highlight("ПРИВЕТ мир", {"привет"})), "[ПРИВЕТ] мир");
}

TEST(Highlight, PunctuationAndEmojiSeparateWords) {
  EXPECT_EQ(shown(highlight("alpha—beta…gamma🚀delta", {"beta", "delta"})),
            "alpha—[beta]…gamma🚀[delta]");
  EXPECT_EQ(shown(highlight("CHK-12 is done", {"CHK", "12"})), "[CHK]-[12] is done");
}

TEST(Highlight, MarkupIsJustText) {
  // The pieces carry the text as it is; the client escapes it when it renders.
  auto s = highlight("<script>alert(1)</script> checkout", {"checkout"});
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].text, "<script>alert(1)</script> ");
  EXPECT_FALSE(s[0].match);
  EXPECT_EQ(s[1].text, "checkout");
}

TEST(Highlight, InvalidUtf8IsKeptByteForByteAndNeverMatches) {
  std::string text = "ok \xff\xfe bad";
  std::string joined;
  for (const auto& s : highlight(text, {"bad"})) joined += s.text;
  EXPECT_EQ(joined, text);
}

TEST(Snippet, ShowsTheTextAroundTheFirstMatchCutAtWords) {
  std::string filler;
  for (int i = 0; i < 40; ++i) filler += "lorem ipsum ";
  std::string text = "## Intro\n\n" + filler + "the **refund** window\n\n" + filler;
  auto s = shown(snippet(text, {"refund"}, 80));
  EXPECT_NE(s.find("[refund]"), std::string::npos) << s;
  EXPECT_TRUE(s.starts_with("…")) << s;
  EXPECT_TRUE(s.ends_with("…")) << s;
  EXPECT_EQ(s.find('\n'), std::string::npos) << "whitespace runs become one space: " << s;
  std::string inner = s.substr(std::string("…").size(), s.size() - 2 * std::string("…").size());
  EXPECT_FALSE(inner.starts_with(" ")) << s;
  EXPECT_TRUE(inner.starts_with("lorem") || inner.starts_with("ipsum"))
      << "starts at a word: " << s;
  EXPECT_LE(inner.size(), 80u + 2) << s;
}

TEST(Snippet, MarkdownHeadingMarksAreLeftOut) {
  EXPECT_EQ(shown(snippet("## Goals\n\nShip the refund.\n### Notes #tag ##", {"refund"})),
            "Goals Ship the [refund]. Notes #tag ##");
  EXPECT_EQ(shown(snippet("#hashtag at the start", {"start"})), "#hashtag at the [start]");
  EXPECT_EQ(shown(snippet("  # Title", {"title"})), "[Title]");
}

TEST(Snippet, ShortTextIsShownWholeAndNoMatchShowsTheBeginning) {
  EXPECT_EQ(shown(snippet("Pay  by\ncard", {"card"})), "Pay by [card]");
  std::string long_text(300, 'a');
  long_text += " tail";
  auto s = shown(snippet("start " + long_text, {"zebra"}, 50));
  EXPECT_TRUE(s.starts_with("start")) << s;
  EXPECT_TRUE(s.ends_with("…")) << s;
  EXPECT_TRUE(snippet("", {"x"}).empty());
}

TEST(Snippet, AMatchNearTheEndKeepsAFullWindow) {
  std::string text;
  for (int i = 0; i < 30; ++i) text += "word" + std::to_string(i) + " ";
  text += "needle";
  auto s = shown(snippet(text, {"needle"}, 60));
  EXPECT_TRUE(s.ends_with("[needle]")) << s;
  EXPECT_GT(s.size(), 50u) << s;
}

}  // namespace
}  // namespace prism::services::search
