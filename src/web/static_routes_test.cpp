#include "web/static_routes.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <fstream>

#include "core/ids.hpp"
#include "http/dispatcher.hpp"

namespace prism::web {
namespace {

namespace fs = std::filesystem;
namespace beast_http = http::beast_http;
using verb = beast_http::verb;

fs::path make_site_dir() {
  fs::path dir = fs::temp_directory_path() / ("prism-static-" + new_id());
  fs::create_directories(dir / "assets");
  std::ofstream(dir / "index.html") << "<!doctype html><div id=root></div>";
  std::ofstream(dir / "assets/app-abc123.js") << "console.log('app')";
  std::ofstream(dir / "assets/app-abc123.js.gz") << "GZ";
  std::ofstream(dir / "assets/app-abc123.js.br") << "BR";
  return dir;
}

// Static answers run through the real dispatcher, next to an API route.
class StaticRoutesTest : public ::testing::Test {
 protected:
  StaticRoutesTest() {
    router_.add(
        verb::get, "/api/v1/things",
        [](http::Request&) {
          return http::Response::json(json::object{{"ok", true}});
        },
        http::Auth::kNone, http::Run::kInline);
    register_static_site(router_, site_);
  }
  ~StaticRoutesTest() override { fs::remove_all(dir_); }

  http::RawResponse send(verb method, std::string target,
                         std::vector<std::pair<std::string, std::string>> headers = {}) {
    http::RawRequest req{method, target, 11};
    for (auto& [k, v] : headers) req.set(k, v);
    req.prepare_payload();
    requests_.push_back(std::move(req));
    auto ex = dispatcher_.begin(requests_.back(), "127.0.0.1");
    // A file is read and copied on the worker pool, never on an I/O thread;
    // the inline API route and early answers (404, 405) stay inline.
    EXPECT_EQ(dispatcher_.needs_worker(ex), ex.route != nullptr && ex.route == router_.fallback())
        << target;
    http::Response res = dispatcher_.run(ex);
    return dispatcher_.finish(ex, std::move(res), true);
  }

  fs::path dir_ = make_site_dir();
  StaticSite site_ = StaticSite::load(dir_);
  http::Router router_;
  http::Metrics metrics_;
  http::Dispatcher dispatcher_{router_, nullptr, metrics_, {{"https://app.example"}, false}};
  std::deque<http::RawRequest> requests_;
};

TEST_F(StaticRoutesTest, ServesFilesWithTypeEtagAndCaching) {
  auto res = send(verb::get, "/assets/app-abc123.js");
  EXPECT_EQ(res.result(), http::Status::ok);
  EXPECT_EQ(res.body(), "console.log('app')");
  EXPECT_EQ(res[beast_http::field::content_type], "text/javascript; charset=utf-8");
  EXPECT_EQ(res[beast_http::field::cache_control], "public, max-age=31536000, immutable");
  EXPECT_EQ(res[beast_http::field::vary], "Accept-Encoding");
  EXPECT_EQ(res[beast_http::field::etag],
            site_.find("/assets/app-abc123.js")->identity->get().etag);
  EXPECT_EQ(res.count(beast_http::field::content_encoding), 0u);
  EXPECT_NE(std::string(res["Content-Security-Policy"]).find("script-src 'self'"),
            std::string::npos);

  auto index = send(verb::get, "/");
  EXPECT_EQ(index.body(), "<!doctype html><div id=root></div>");
  EXPECT_EQ(index[beast_http::field::cache_control], "no-cache");
  EXPECT_EQ(index.count(beast_http::field::vary), 0u);
}

TEST_F(StaticRoutesTest, NegotiatesPrecompressedVariants) {
  auto br = send(verb::get, "/assets/app-abc123.js", {{"Accept-Encoding", "gzip, deflate, br"}});
  EXPECT_EQ(br.body(), "BR");
  EXPECT_EQ(br[beast_http::field::content_encoding], "br");
  EXPECT_EQ(br[beast_http::field::etag], site_.find("/assets/app-abc123.js")->brotli->get().etag);
  auto gz = send(verb::get, "/assets/app-abc123.js", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gz.body(), "GZ");
  EXPECT_EQ(gz[beast_http::field::content_encoding], "gzip");
}

TEST_F(StaticRoutesTest, AnswersNotModifiedForAMatchingEtag) {
  std::string etag(send(verb::get, "/assets/app-abc123.js",
                        {{"Accept-Encoding", "br"}})[beast_http::field::etag]);
  auto res = send(verb::get, "/assets/app-abc123.js",
                  {{"Accept-Encoding", "br"}, {"If-None-Match", etag}});
  EXPECT_EQ(res.result(), http::Status::not_modified);
  EXPECT_TRUE(res.body().empty());
  EXPECT_EQ(res[beast_http::field::etag], etag);
  EXPECT_EQ(res[beast_http::field::cache_control], "public, max-age=31536000, immutable");
  // The brotli ETag does not validate the identity bytes.
  EXPECT_EQ(send(verb::get, "/assets/app-abc123.js", {{"If-None-Match", etag}}).result(),
            http::Status::ok);
}

TEST_F(StaticRoutesTest, ClientSideRoutesGetIndexHtml) {
  for (const char* path : {"/projects/x", "/orgs/acme/settings?tab=members", "/login"}) {
    auto res = send(verb::get, path);
    EXPECT_EQ(res.result(), http::Status::ok) << path;
    EXPECT_EQ(res.body(), site_.index().identity->get().bytes) << path;
    EXPECT_EQ(res[beast_http::field::cache_control], "no-cache") << path;
  }
  // A hashed asset that is gone answers 404, never HTML for a <script>.
  EXPECT_EQ(send(verb::get, "/assets/app-old.js").result(), http::Status::not_found);
}

TEST_F(StaticRoutesTest, AFileGoneSinceStartUpIsNotFound) {
  fs::remove(dir_ / "assets" / "app-abc123.js");
  auto res = send(verb::get, "/assets/app-abc123.js");
  EXPECT_EQ(res.result(), http::Status::not_found);
  EXPECT_EQ(res[beast_http::field::content_type], "application/problem+json");
  // Its variants were listed too and are still there.
  EXPECT_EQ(send(verb::get, "/assets/app-abc123.js", {{"Accept-Encoding", "br"}}).body(), "BR");
}

TEST_F(StaticRoutesTest, TheApiKeepsItsJsonAnswers) {
  auto unknown = send(verb::get, "/api/v1/nope");
  EXPECT_EQ(unknown.result(), http::Status::not_found);
  EXPECT_EQ(unknown[beast_http::field::content_type], "application/problem+json");
  EXPECT_EQ(send(verb::get, "/health").result(), http::Status::not_found);
  EXPECT_EQ(send(verb::get, "/api/v1/things").body(), R"({"ok":true})");
  EXPECT_EQ(send(verb::post, "/api/v1/things").result(), http::Status::method_not_allowed);
  EXPECT_EQ(send(verb::post, "/projects/x").result(), http::Status::not_found);
}

TEST_F(StaticRoutesTest, TraversalIsABadRequest) {
  for (const char* path : {"/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2fetc",
                           "/index.html%00", "/..%5c..%5cetc"}) {
    auto res = send(verb::get, path);
    EXPECT_EQ(res.result(), http::Status::bad_request) << path;
    EXPECT_EQ(res[beast_http::field::content_type], "application/problem+json") << path;
  }
}

TEST_F(StaticRoutesTest, HeadAnnouncesTheLengthWithoutTheBody) {
  auto res = send(verb::head, "/assets/app-abc123.js");
  EXPECT_EQ(res.result(), http::Status::ok);
  EXPECT_TRUE(res.body().empty());
  EXPECT_EQ(res[beast_http::field::content_length],
            std::to_string(std::string("console.log('app')").size()));
}

TEST_F(StaticRoutesTest, CorsVaryKeepsAcceptEncoding) {
  auto res = send(verb::get, "/assets/app-abc123.js", {{"Origin", "https://app.example"}});
  EXPECT_EQ(res[beast_http::field::vary], "Accept-Encoding, Origin");
}

}  // namespace
}  // namespace prism::web
