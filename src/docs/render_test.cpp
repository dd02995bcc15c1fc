#include "docs/render.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <string>

#include "docs/render_limits.hpp"

namespace prism::docs {
namespace {

// Every href/src in the output, to check against the allowed schemes.
std::vector<std::string> targets(const std::string& html) {
  std::vector<std::string> out;
  static const std::regex kAttr(R"re((?:href|src)\s*=\s*"([^"]*)")re", std::regex::icase);
  for (std::sregex_iterator it(html.begin(), html.end(), kAttr), end; it != end; ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

bool allowed_target(const std::string& url) {
  for (const char* prefix : {"http://", "https://", "mailto:", "#"}) {
    if (url.rfind(prefix, 0) == 0) return true;
  }
  return url.find(':') == std::string::npos;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(Render, GithubExtensionsWork) {
  auto html = render_html_fragment(
      "## Goals\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ new\n\n- [x] done\n- [ ] todo\n\n"
      "see www.example.com\n");
  EXPECT_NE(html.find("<h2>Goals</h2>"), std::string::npos);
  EXPECT_NE(html.find("<table>"), std::string::npos);
  EXPECT_NE(html.find("<del>old</del>"), std::string::npos);
  EXPECT_NE(html.find("type=\"checkbox\""), std::string::npos);
  EXPECT_NE(html.find("href=\"http://www.example.com\""), std::string::npos);
}

TEST(Render, RawHtmlNeverPassesThrough) {
  auto html = lower(render_html_fragment(
      "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> and "
      "<b onmouseover=alert(1)>b</b>\n\n<iframe src=\"https://evil.example\"></iframe>\n\n"
      "<svg onload=alert(1)>\n\n<a href=\"javascript:alert(1)\">x</a>\n\n"
      "<style>body{display:none}</style>\n"));
  for (const char* bad : {"<script", "<img", "onerror", "<b ", "onmouseover", "<iframe", "<svg",
                          "<a ", "<style", "javascript"}) {
    EXPECT_EQ(html.find(bad), std::string::npos) << bad << " in " << html;
  }
}

TEST(Render, UnsafeLinkSchemesAreRemovedKeepingTheText) {
  const char* vectors[] = {
      "[click](javascript:alert(1))",
      "[click](JaVaScRiPt:alert(1))",
      "[click](<javascript:alert(1)>)",
      "[click](java&#x09;script:alert(1))",
      "[click](&#106;avascript:alert(1))",
      "[click](javascript&#58;alert(1))",
      "[click](&#x20;javascript:alert(1))",
      "[click](vbscript:msgbox(1))",
      "[click](VBScript:msgbox(1))",
      "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "[click](file:///etc/passwd)",
      "[click][ref]\n\n[ref]: javascript:alert(1)",
      "<javascript:alert(1)>",
      "[click](\x01javascript:alert(1))",
  };
  for (const char* md : vectors) {
    auto html = render_html_fragment(md);
    for (const auto& t : targets(html)) EXPECT_TRUE(allowed_target(t)) << md << " -> " << html;
    EXPECT_EQ(html.find("<a "), std::string::npos) << md << " -> " << html;
    EXPECT_EQ(lower(html).find("href"), std::string::npos) << md;
  }
  EXPECT_EQ(render_html_fragment("[click me](javascript:alert(1))"), "<p>click me</p>\n");
}

TEST(Render, UnsafeImagesBecomeTheirAltText) {
  auto html = render_html_fragment(
      "![chart](data:image/png;base64,iVBORw0KGgo=) ![x](javascript:alert(1)) "
      "[![nested](javascript:a)](javascript:b)");
  EXPECT_EQ(html.find("<img"), std::string::npos) << html;
  EXPECT_EQ(html.find("<a "), std::string::npos) << html;
  EXPECT_NE(html.find("chart"), std::string::npos);
  EXPECT_NE(html.find("nested"), std::string::npos);
}

TEST(Render, SafeLinksAndImagesStay) {
  auto html = render_html_fragment(
      "[a](https://example.com/x?y=1) [b](#goals) [c](mailto:pm@example.com) [d](docs/spec.md) "
      "![e](https://example.com/e.png) <https://example.com/auto>");
  EXPECT_NE(html.find("href=\"https://example.com/x?y=1\""), std::string::npos);
  EXPECT_NE(html.find("href=\"#goals\""), std::string::npos);
  EXPECT_NE(html.find("href=\"mailto:pm@example.com\""), std::string::npos);
  EXPECT_NE(html.find("href=\"docs/spec.md\""), std::string::npos);
  EXPECT_NE(html.find("src=\"https://example.com/e.png\""), std::string::npos);
  EXPECT_NE(html.find("href=\"https://example.com/auto\""), std::string::npos);
}

TEST(Render, UrlCheck) {
  EXPECT_TRUE(is_safe_url("HTTPS://x", false));
  EXPECT_TRUE(is_safe_url("mailto:a@b", false));
  EXPECT_FALSE(is_safe_url("mailto:a@b", true));
  EXPECT_TRUE(is_safe_url("a/b:c", false));  // the colon is in the path: no scheme
  EXPECT_TRUE(is_safe_url("", false));
  EXPECT_FALSE(is_safe_url(" \tjava\nscript:x", false));
  EXPECT_FALSE(is_safe_url("data:image/png;base64,AAAA", true));
  EXPECT_FALSE(is_safe_url("foo:bar", false));  // unknown schemes are refused, not guessed
}

TEST(Render, InvalidUtf8IsReplaced) {
  auto html = render_html_fragment("bad \xFF byte");
  EXPECT_NE(html.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(Render, DocumentIsStandaloneWithEscapedTitleAndNoScript) {
  auto page = wrap_html_document(
      "Q3 <script>alert(1)</script> & \"more\"",
      render_html_fragment("## Goals\n\n<script>alert(2)</script>\n\n[x](javascript:y)\n"));
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("<title>Q3 &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;"
                      "</title>"),
            std::string::npos);
  EXPECT_NE(page.find("<h1>Q3 &lt;script&gt;"), std::string::npos);
  EXPECT_EQ(lower(page).find("<script"), std::string::npos);
  EXPECT_EQ(lower(page).find("javascript"), std::string::npos);
  EXPECT_NE(page.find("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"),
            std::string::npos);
  EXPECT_EQ(page.find("script-src"), std::string::npos);  // nothing re-allows scripts
  EXPECT_NE(page.find("@media print"), std::string::npos);
  EXPECT_NE(page.find("<h2>Goals</h2>"), std::string::npos);
}

TEST(Render, DocumentOpeningWithH1GetsNoSecondTitle) {
  auto page = wrap_html_document("Title", render_html_fragment("# Title\n\ntext\n"));
  auto first = page.find("<h1>");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(page.find("<h1>", first + 1), std::string::npos);
}

// --- Bounds on what one render may cost (render.hpp) ---------------------

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::size_t count(const std::string& html, std::string_view what) {
  std::size_t n = 0;
  for (auto pos = html.find(what); pos != std::string::npos; pos = html.find(what, pos + 1)) ++n;
  return n;
}

// How deeply the output's elements nest (void elements such as <br> and
// <input> open nothing).
int max_depth(const std::string& html) {
  int depth = 0;
  int deepest = 0;
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] != '<') continue;
    if (html.compare(i, 2, "</") == 0) {
      --depth;
    } else if (html.compare(i, 3, "<br") != 0 && html.compare(i, 3, "<hr") != 0 &&
               html.compare(i, 6, "<input") != 0 && html.compare(i, 4, "<img") != 0 &&
               html.compare(i, 4, "<!--") != 0) {
      deepest = std::max(deepest, ++depth);
    }
  }
  return deepest;
}

std::string wide_table(std::size_t columns) {
  std::string md = "|";
  for (std::size_t i = 0; i < columns; ++i) md += "h" + std::to_string(i) + "|";
  md += "\n|" + repeat("-|", columns) + "\n|";
  for (std::size_t i = 0; i < columns; ++i) md += "c" + std::to_string(i) + "|";
  return md + "\n";
}

TEST(RenderBounds, AVeryWideTableIsShownAsTextNotAsATable) {
  auto html = render_html_fragment("# Wide\n\n" + wide_table(60000) + "\nafter *it*\n");
  EXPECT_EQ(html.find("<table"), std::string::npos);
  EXPECT_EQ(html.find("<td"), std::string::npos);
  // Nothing is lost: the cells are there as text, and the rest of the
  // document is still Markdown.
  EXPECT_NE(html.find("c59999"), std::string::npos);
  EXPECT_NE(html.find("<h1>Wide</h1>"), std::string::npos);
  EXPECT_NE(html.find("after <em>it</em>"), std::string::npos);
}

TEST(RenderBounds, ATableJustOverTheColumnBoundIsText) {
  auto html = render_html_fragment(wide_table(kMaxTableColumns + 1));
  EXPECT_EQ(html.find("<table"), std::string::npos);
  EXPECT_NE(html.find("c" + std::to_string(kMaxTableColumns)), std::string::npos);
  auto at_bound = render_html_fragment(wide_table(kMaxTableColumns));
  EXPECT_EQ(count(at_bound, "<td"), static_cast<std::size_t>(kMaxTableColumns));
}

TEST(RenderBounds, ANormalTableStillRendersAsATable) {
  std::string md = "| a | b | c | d | e | f | g | h | i | j |\n" + repeat("|:--", 10) + "|\n";
  for (int row = 0; row < 200; ++row) md += repeat("| x ", 10) + "|\n";
  auto html = render_html_fragment(md);
  EXPECT_EQ(count(html, "<table>"), 1u);
  EXPECT_EQ(count(html, "</th>"), 10u);
  EXPECT_EQ(count(html, "<td"), 2000u);
  EXPECT_NE(html.find("align=\"left\""), std::string::npos);
}

TEST(RenderBounds, PaddedCellsCountAgainstTheBound) {
  // Each one-byte row is padded to the header's 100 columns: 3,000 rows
  // would make 300,000 cells out of 6 KB.
  std::string md = "|" + repeat("h|", 100) + "\n|" + repeat("-|", 100) + "\n" + repeat("x\n", 3000);
  auto html = render_html_fragment(md);
  EXPECT_LE(count(html, "<td"), kMaxTableCells);
  EXPECT_EQ(html.find("<table"), std::string::npos);
  EXPECT_NE(html.find("h|h|h"), std::string::npos);
}

TEST(RenderBounds, CellsOfAllTablesTogetherAreBounded) {
  std::string table = "| a | b | c | d |\n|---|---|---|---|\n" + repeat("| 1 | 2 | 3 | 4 |\n", 99);
  std::string md;
  std::size_t tables = kMaxTableCells / 400 + 5;
  for (std::size_t i = 0; i < tables; ++i) md += table + "\n";
  auto html = render_html_fragment(md);
  EXPECT_LE(count(html, "</td>") + count(html, "</th>"), kMaxTableCells);
  EXPECT_GE(count(html, "<table>"), kMaxTableCells / 400 - 1);  // the first ones stay tables
}

TEST(RenderBounds, DelimiterRowsSpelledWithOtherSpacesCountToo) {
  // cmark-gfm takes \v and \f for spaces in a delimiter row, and "--\v"
  // is a one-column delimiter row, not a setext underline.
  std::string vertical_tabs = wide_table(300);
  for (auto pos = vertical_tabs.find("-|"); pos != std::string::npos;
       pos = vertical_tabs.find("-|", pos + 3)) {
    vertical_tabs.insert(pos + 1, "\v");
  }
  EXPECT_EQ(render_html_fragment(vertical_tabs).find("<table"), std::string::npos);
  std::string pipeless = "a\n--\v\n" + repeat("c|", 5000) + "\n";
  EXPECT_EQ(render_html_fragment(pipeless).find("<table"), std::string::npos);
  // Within the bounds they are tables, as cmark-gfm makes them.
  EXPECT_NE(render_html_fragment("|a|b|\n|-\v|-\f|\n|c|d|\n").find("<td>d</td>"),
            std::string::npos);
  EXPECT_NE(render_html_fragment("a\n--\v\nb\n").find("<td>b</td>"), std::string::npos);
}

TEST(RenderBounds, AWideRowUnderANarrowHeaderMakesTheTableText) {
  std::string md = "| a | b |\n|---|---|\n" + repeat("c|", 5000) + "end\n";
  auto html = render_html_fragment(md);
  EXPECT_EQ(html.find("<table"), std::string::npos);
  EXPECT_NE(html.find("c|c|c"), std::string::npos);
  EXPECT_NE(html.find("end"), std::string::npos);
}

TEST(RenderBounds, NestingBeyondTheBoundIsFlattened) {
  for (std::string marker : {"> ", "* ", "1. ", "- > "}) {
    auto html = render_html_fragment(repeat(marker, 5000) + "deep\n");
    EXPECT_LE(max_depth(html), kMaxNesting + 2) << marker;
    EXPECT_NE(html.find("deep"), std::string::npos) << marker;
  }
  // Nesting by indentation is bounded as well.
  std::string md;
  for (int i = 0; i < 300; ++i) md += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- x\n";
  EXPECT_LE(max_depth(render_html_fragment(md)), kMaxNesting + 2);
  // Within the bound nothing changes.
  auto html = render_html_fragment(repeat("> ", 5) + "five\n");
  EXPECT_EQ(count(html, "<blockquote>"), 5u);
}

TEST(RenderBounds, DeepInlineNestingIsBounded) {
  for (std::string md : {repeat("*a **a ", 20000) + "b" + repeat(" a** a*", 20000),
                         repeat("[", 20000) + "a" + repeat("](b)", 20000),
                         repeat("~~a ", 20000) + "b" + repeat(" a~~", 20000)}) {
    auto html = render_html_fragment(md);
    EXPECT_LE(max_depth(html), kMaxNesting + 2) << md.substr(0, 20);
  }
}

TEST(RenderBounds, MarkupTooDenseToRenderCheaplyEndsAsEscapedText) {
  // About 1 MiB of markup that costs cmark-gfm several times what prose
  // does: the start is still Markdown, the rest is escaped text, and the
  // whole stays safe.
  std::string md = "# Title\n\n" + repeat("a@b.c *a **a [b](c ", 50000) +
                   "\n\n<script>alert(1)</script> [x](javascript:y) \xFF\n";
  ASSERT_LE(md.size(), std::size_t{1024} * 1024);
  auto html = render_html_fragment(md);
  EXPECT_EQ(html.rfind("<h1>Title</h1>", 0), 0u);
  auto plain = html.find("<pre class=\"markdown-text\">");
  ASSERT_NE(plain, std::string::npos);
  EXPECT_LT(count(html.substr(0, plain), "<em>"), 50000u);
  EXPECT_EQ(count(html.substr(plain), "<em>"), 0u);
  EXPECT_EQ(lower(html).find("<script"), std::string::npos);
  EXPECT_EQ(lower(html).find("javascript:y)\""), std::string::npos);
  for (const auto& t : targets(html)) EXPECT_TRUE(allowed_target(t)) << t;
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:y) \xEF\xBF\xBD"),
            std::string::npos);
  EXPECT_EQ(html.substr(html.size() - 7), "</pre>\n");
}

TEST(RenderBounds, PlanCutsWhereTheBudgetIsSpent) {
  std::string md = repeat("*a **a [b](c\n", 200000);
  auto plan = plan_markdown(md);
  EXPECT_LT(plan.plain_from, md.size());
  EXPECT_GT(plan.plain_from, 0u);
  EXPECT_EQ(md[plan.plain_from - 1], '\n');  // at a line start
  EXPECT_LE(plan.cost, kRenderBudgetUnits);
  // A text of one long line is cut within it, never inside a UTF-8 sequence.
  std::string line = repeat("\xC3\xA9*[", 300000);
  auto one = plan_markdown(line);
  EXPECT_GT(one.plain_from, 0u);
  EXPECT_LT(one.plain_from, line.size());
  EXPECT_NE(static_cast<unsigned char>(line[one.plain_from]) & 0xC0, 0x80);
  // Prose is never cut.
  std::string prose = repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n", 18000);
  EXPECT_EQ(plan_markdown(prose).plain_from, prose.size());
}

TEST(RenderBounds, OrdinaryLargeDocumentsAreStillMarkdown) {
  std::string section =
      "## Goals\n\nUsers **must** be able to pay with a saved card, see [the "
      "spec](https://x.test/s) "
      "and `code`. Contact pm@example.com.\n\n- [x] one\n- [ ] two\n\n| a | b |\n|---|---|\n| 1 | "
      "2 |\n\n";
  std::string md;
  while (md.size() + section.size() < 1024 * 1024) md += section;
  auto html = render_html_fragment(md);
  EXPECT_NE(html.find("<h2>Goals</h2>"), std::string::npos);
  EXPECT_NE(html.find("<strong>must</strong>"), std::string::npos);
  EXPECT_GT(count(html, "<table>"), 100u);
}

TEST(RenderBounds, ManyMismatchedDelimiterRowsAreNotTables) {
  // Every delimiter row under a paragraph makes cmark-gfm read the whole
  // paragraph again for a header; the output must stay the same text.
  auto html = render_html_fragment(repeat("x\n|-|-|\n", 20000));
  EXPECT_EQ(html.find("<table"), std::string::npos);
  EXPECT_EQ(count(html, "|-|-|"), 20000u);
}

TEST(RenderBounds, WrappedDocumentMatchesTheFragment) {
  std::string md = "# T\n\n| a |\n|---|\n| b |\n";
  auto fragment = render_html_fragment(md);
  auto page = wrap_html_document("T", fragment);
  EXPECT_NE(page.find(fragment), std::string::npos);
  EXPECT_EQ(count(page, fragment), 1u);
  EXPECT_EQ(count(page, "<h1>"), 1u);
  EXPECT_EQ(count(wrap_html_document("T", "<p>x</p>\n"), "<h1>T</h1>"), 1u);
}

}  // namespace
}  // namespace prism::docs
