#include "web/static_site.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/ids.hpp"

namespace prism::web {
namespace {

namespace fs = std::filesystem;

class StaticSiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "assets");
    write("index.html", "<!doctype html><div id=root></div>");
    write("assets/app-abc123.js", "console.log('app')");
    write("assets/app-abc123.js.gz", "GZ-BYTES");
    write("assets/app-abc123.js.br", "BR-BYTES");
    write("config.json", "{\"apiBaseUrl\":\"\"}");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& relative, const std::string& bytes) {
    fs::create_directories((dir_ / relative).parent_path());
    std::ofstream(dir_ / relative, std::ios::binary) << bytes;
  }
  fs::path dir_ = fs::temp_directory_path() / ("prism-site-" + new_id());
};

TEST_F(StaticSiteTest, LoadsFilesWithTheirVariants) {
  auto site = StaticSite::load(dir_);
  const Asset* js = site.find("/assets/app-abc123.js");
  ASSERT_NE(js, nullptr);
  EXPECT_EQ(js->in(Encoding::kIdentity).bytes, "console.log('app')");
  ASSERT_TRUE(js->gzip && js->brotli);
  EXPECT_EQ(js->in(Encoding::kGzip).bytes, "GZ-BYTES");
  EXPECT_EQ(js->in(Encoding::kBrotli).bytes, "BR-BYTES");
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js->cache_control, "public, max-age=31536000, immutable");
  // Each encoding is different bytes, so each has its own strong ETag.
  EXPECT_NE(js->identity->get().etag, js->gzip->get().etag);
  EXPECT_NE(js->gzip->get().etag, js->brotli->get().etag);
  EXPECT_EQ(js->identity->get().etag.front(), '"');
  EXPECT_EQ(js->identity->get().etag.back(), '"');
  // Variants are served through their file, not as files of their own.
  EXPECT_EQ(site.find("/assets/app-abc123.js.gz"), nullptr);
  EXPECT_EQ(site.index().cache_control, "no-cache");
  EXPECT_FALSE(site.index().has_variants());
  EXPECT_EQ(site.file_count(), 3u);
}

TEST_F(StaticSiteTest, EtagsFollowTheContent) {
  auto before = StaticSite::load(dir_).index().identity->get().etag;
  EXPECT_EQ(StaticSite::load(dir_).index().identity->get().etag, before);
  write("index.html", "<!doctype html><p>new build</p>");
  EXPECT_NE(StaticSite::load(dir_).index().identity->get().etag, before);
}

TEST_F(StaticSiteTest, ReadsAFileOnItsFirstRequestAndKeepsIt) {
  auto site = StaticSite::load(dir_);
  // Changed after start-up, before any request: served as it is when read.
  write("config.json", "{\"apiBaseUrl\":\"https://api.example\"}");
  const Asset* config = site.find("/config.json");
  ASSERT_NE(config, nullptr);
  EXPECT_EQ(config->identity->get().bytes, "{\"apiBaseUrl\":\"https://api.example\"}");
  // Once read it is kept: later changes on disk do not reach this server.
  write("config.json", "{}");
  EXPECT_EQ(config->identity->get().bytes, "{\"apiBaseUrl\":\"https://api.example\"}");
}

TEST_F(StaticSiteTest, NeverReadsThroughALinkPutInAFilesPlace) {
  auto site = StaticSite::load(dir_);
  fs::path outside = dir_.string() + "-outside";
  fs::create_directories(outside);
  std::ofstream(outside / "secret.txt") << "secret";
  fs::remove(dir_ / "config.json");
  fs::create_symlink(outside / "secret.txt", dir_ / "config.json");
  const Asset* config = site.find("/config.json");
  ASSERT_NE(config, nullptr);
  EXPECT_THROW(config->identity->get(), std::runtime_error);
  // A deleted file is an error too, and a later request tries again.
  fs::remove(dir_ / "config.json");
  EXPECT_THROW(config->identity->get(), std::runtime_error);
  write("config.json", "{}");
  EXPECT_EQ(config->identity->get().bytes, "{}");
  fs::remove_all(outside);
}

TEST_F(StaticSiteTest, ACompressedFileWithoutItsOriginalIsAFile) {
  write("downloads/data.csv.gz", "GZ");
  auto site = StaticSite::load(dir_);
  ASSERT_NE(site.find("/downloads/data.csv.gz"), nullptr);
  EXPECT_EQ(site.find("/downloads/data.csv.gz")->content_type, "application/octet-stream");
}

TEST_F(StaticSiteTest, SkipsHiddenFilesAndSymlinks) {
  write(".env", "SECRET=1");
  write(".git/config", "x");
  write("assets/.hidden.js", "x");
  fs::path outside = dir_.string() + "-outside";
  fs::create_directories(outside);
  std::ofstream(outside / "secret.txt") << "secret";
  fs::create_symlink(outside / "secret.txt", dir_ / "linked.txt");
  fs::create_directory_symlink(outside, dir_ / "linked-dir");
  auto site = StaticSite::load(dir_);
  for (const char* path :
       {"/.env", "/.git/config", "/assets/.hidden.js", "/linked.txt", "/linked-dir/secret.txt"}) {
    EXPECT_EQ(site.find(path), nullptr) << path;
  }
  fs::remove_all(outside);
}

TEST_F(StaticSiteTest, RefusesADirectoryWithoutIndexOrTooLarge) {
  fs::remove(dir_ / "index.html");
  EXPECT_THROW(StaticSite::load(dir_), std::runtime_error);
  write("index.html", "<!doctype html>");
  EXPECT_THROW(StaticSite::load(dir_, SiteLimits{2, 1 << 20}), std::runtime_error);
  EXPECT_THROW(StaticSite::load(dir_, SiteLimits{100, 10}), std::runtime_error);
  EXPECT_NO_THROW(StaticSite::load(dir_));
}

}  // namespace
}  // namespace prism::web
