// Share links and HTML exports of documents whose Markdown would be costly
// to render (issue 11): they answer quickly with the text, render each
// version once, and unauthenticated reads are rate-limited per client IP.

#include <string>

#include "integration/documents_fixture.hpp"

namespace prism::testing {
namespace {

// A table of `columns` columns: header h0…, one row c0….
std::string wide_table(int columns) {
  std::string md = "|";
  for (int i = 0; i < columns; ++i) md += "h" + std::to_string(i) + "|";
  md += "\n|";
  for (int i = 0; i < columns; ++i) md += "-|";
  md += "\n|";
  for (int i = 0; i < columns; ++i) md += "c" + std::to_string(i) + "|";
  return md + "\n";
}

std::string share_token(HttpClient& owner, const std::string& document_id) {
  auto created = owner.post("/api/v1/documents/" + document_id + "/shares", json::object{});
  expect_status(created, 201, "create share");
  return std::string(created.json().at("token").as_string());
}

using SharedRenderTest = DocumentsApiTest;

TEST_F(SharedRenderTest, AVeryWideTableIsSharedAndExportedAsText) {
  // 60,000 columns, about 700 KB: took cmark-gfm 40 s before the bounds.
  std::string content = "# Wide\n\n" + wide_table(60000) + "\nThe **end**.\n";
  ASSERT_LT(content.size(), std::size_t{1024} * 1024);
  std::string id = create_document("Wide", content);
  std::string token = share_token(owner(), id);

  HttpClient anonymous(server_->base_url());
  auto seen = anonymous.get("/api/v1/shared/" + token);
  ASSERT_EQ(seen.status, 200) << seen.body.substr(0, 500);
  EXPECT_EQ(seen.json().at("content").as_string(), content);
  std::string html(seen.json().at("html").as_string());
  EXPECT_EQ(html.find("<table"), std::string::npos);
  EXPECT_NE(html.find("c59999"), std::string::npos);
  EXPECT_NE(html.find("<h1>Wide</h1>"), std::string::npos);
  EXPECT_NE(html.find("The <strong>end</strong>."), std::string::npos);
  // Read again: the same answer.
  auto again = anonymous.get("/api/v1/shared/" + token);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(std::string(again.json().at("html").as_string()), html);

  auto page = owner().get("/api/v1/documents/" + id + "/export?format=html");
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 500);
  EXPECT_EQ(page.body.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.body.find(html), std::string::npos);  // the very HTML the link shows
  EXPECT_EQ(page.body.find("<table"), std::string::npos);
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
}

TEST_F(SharedRenderTest, AnOrdinaryTableIsStillATable) {
  std::string id = create_document("Plan", "| a | b |\n|---|---|\n| 1 | 2 |\n");
  std::string token = share_token(owner(), id);
  HttpClient anonymous(server_->base_url());
  auto seen = anonymous.get("/api/v1/shared/" + token);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_NE(std::string(seen.json().at("html").as_string()).find("<td>2</td>"), std::string::npos);
  auto page = owner().get("/api/v1/documents/" + id + "/export?format=html");
  EXPECT_NE(page.body.find("<td>2</td>"), std::string::npos);
}

// Its own server, with a small limit so the test stays short.
class SharedRateLimitTest : public DocumentsApiTest {
 protected:
  static void SetUpTestSuite() {
    sink_ = std::make_unique<SmtpSink>();
    server_ = std::make_unique<ServerProcess>(
        EnvVars{{"SMTP_URL", sink_->url()}, {"SHARED_RATE_LIMIT_PER_MINUTE", "4"}});
  }
};

TEST_F(SharedRateLimitTest, ReadsPerClientAddressAreLimitedWith429AndRetryAfter) {
  std::string token = share_token(owner(), create_document("Limited", "# Limited\n"));
  HttpClient anonymous(server_->base_url());
  // A guessed token counts like a real one.
  EXPECT_EQ(anonymous.get("/api/v1/shared/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").status,
            404);
  HttpResponse last;
  int ok = 0;
  for (int i = 0; i < 4; ++i) {
    last = anonymous.get("/api/v1/shared/" + token);
    if (last.status == 200) ++ok;
  }
  // The limit is per minute; a new minute may begin during the loop.
  if (last.status == 200) last = anonymous.get("/api/v1/shared/" + token);
  EXPECT_GE(ok, 3);
  ASSERT_EQ(last.status, 429) << last.body;
  EXPECT_EQ(code_of(last), "rate_limited");
  int retry_after = std::stoi(last.header("retry-after"));
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 60);
  EXPECT_EQ(last.header("ratelimit-policy"), "4;w=60");
  // Signed-in routes are not limited by it.
  EXPECT_EQ(owner().get("/api/v1/auth/me").status, 200);
}

}  // namespace
}  // namespace prism::testing
