#include "docs/render.hpp"

#include <gtest/gtest.h>

#include <regex>

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
  auto page = render_html_document("Q3 <script>alert(1)</script> & \"more\"",
                                   "## Goals\n\n<script>alert(2)</script>\n\n[x](javascript:y)\n");
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
  auto page = render_html_document("Title", "# Title\n\ntext\n");
  auto first = page.find("<h1>");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(page.find("<h1>", first + 1), std::string::npos);
}

}  // namespace
}  // namespace prism::docs
