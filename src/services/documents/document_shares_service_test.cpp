#include "services/documents/document_shares_service.hpp"

#include <gtest/gtest.h>

#include "cache/memory/memory_cache.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/error_testing.hpp"
#include "services/orgs/projects_service.hpp"
#include "services/orgs/testing_orgs.hpp"

namespace prism::services {
namespace {

using namespace std::chrono_literals;

// Share link reads with their guards: a per-IP rate limit and the render
// cache, against a real SQLite database.
class SharedReadsTest : public ::testing::Test, protected testing::TwoOrgs {
 protected:
  void SetUp() override {
    crypto::init();
    ProjectsService projects(tdb.db());
    auto project = projects.create(as_owner, org_a, {"Web", "WEB", ""}).id;
    document =
        documents.create(as_owner, project, {"PRD", "# PRD\n\n| a |\n|---|\n| b |\n", {}, {}})
            .document.id;
  }

  cache::MemoryCache cache;
  HtmlRenderer renderer{RenderGate::Limits{2, 1, 100ms}};
  DocumentsService documents{tdb.db(), nullptr, &renderer};
  std::string document;
};

TEST_F(SharedReadsTest, EachVersionIsRenderedOnceForLinksAndExports) {
  DocumentSharesService shares(tdb.db(), "https://prism.example", {nullptr, &renderer});
  auto share = shares.create(as_owner, document, {});
  auto first = shares.open(share.token, "198.51.100.7");
  EXPECT_NE(first.html->find("<table>"), std::string::npos);
  EXPECT_EQ(shares.open(share.token, "198.51.100.7").html, first.html);
  auto page = documents.export_document(as_viewer, document, ExportFormat::kHtml);
  EXPECT_NE(page.body.find(*first.html), std::string::npos);
  EXPECT_EQ(renderer.renders(), 1u);
  // A new version is rendered again, once.
  documents.update(as_owner, document, 1,
                   {std::nullopt, std::string("# PRD\n\nnew\n"), std::nullopt});
  EXPECT_EQ(*shares.open(share.token, "198.51.100.7").html, "<h1>PRD</h1>\n<p>new</p>\n");
  documents.export_document(as_viewer, document, ExportFormat::kHtml);
  EXPECT_EQ(renderer.renders(), 2u);
}

TEST_F(SharedReadsTest, ReadsPerClientAddressAreLimited) {
  auth::RequestLimiter limiter(cache, "share link reads", {3, 0, std::chrono::minutes(1)});
  DocumentSharesService shares(tdb.db(), "https://prism.example", {&limiter, &renderer});
  auto share = shares.create(as_owner, document, {});
  for (int i = 0; i < 2; ++i) shares.open(share.token, "198.51.100.7");
  // Guessed tokens count too.
  EXPECT_EQ(error_from([&] { shares.open("not-a-token", "198.51.100.7"); }).code(),
            ErrorCode::kNotFound);
  auto e = error_from([&] { shares.open(share.token, "198.51.100.7"); });
  EXPECT_EQ(e.code(), ErrorCode::kRateLimited);
  ASSERT_TRUE(e.retry_after_seconds && e.rate_limit);
  EXPECT_GE(*e.retry_after_seconds, 1);
  EXPECT_LE(*e.retry_after_seconds, 60);
  EXPECT_EQ(e.rate_limit->limit, 3);
  EXPECT_EQ(e.rate_limit->window_seconds, 60);
  // Another address has its own count.
  EXPECT_EQ(shares.open(share.token, "203.0.113.9").title, "PRD");
}

}  // namespace
}  // namespace prism::services
