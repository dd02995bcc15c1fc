// Documents over HTTP: search and pages, restore, diff, export, share links.
#include <thread>

#include "core/clock.hpp"
#include "documents_fixture.hpp"

namespace prism::testing {
namespace {

std::vector<std::string> titles(const HttpResponse& r) {
  std::vector<std::string> out;
  auto body = r.json();  // keep the parsed value alive for the loop
  for (const auto& d : body.at("items").as_array()) out.emplace_back(d.at("title").as_string());
  return out;
}

TEST_F(DocumentsApiTest, SearchFindsWordsInContentAndPagesThroughResults) {
  create_document("Payments", "## Problem\nRefunds take five days.\n");
  create_document("Onboarding", "## Problem\nNew users abandon the signup form.\n");
  std::string search = create_document("Search", "## Problem\nNobody finds the refund policy.\n");

  EXPECT_EQ(titles(owner().get(documents_path() + "?q=signup")),
            std::vector<std::string>{"Onboarding"});
  EXPECT_EQ(titles(owner().get(documents_path() + "?q=refund")),  // a prefix of "refunds"
            (std::vector<std::string>{"Search", "Payments"}));
  EXPECT_EQ(titles(owner().get(documents_path() + "?q=refund%20policy")),
            std::vector<std::string>{"Search"});
  EXPECT_TRUE(titles(owner().get(documents_path() + "?q=kubernetes")).empty());
  EXPECT_EQ(owner().get(documents_path() + "?q=%21%21%21").status, 422);

  // Search sees the current version only.
  ASSERT_EQ(owner()
                .patch("/api/v1/documents/" + search,
                       json::object{{"content", "## Problem\nSearch is slow.\n"}, {"status", "in_review"}},
                       {{"If-Match", "\"1\""}})
                .status,
            200);
  EXPECT_EQ(titles(owner().get(documents_path() + "?q=refund")), std::vector<std::string>{"Payments"});
  EXPECT_EQ(titles(owner().get(documents_path() + "?status=in_review")),
            std::vector<std::string>{"Search"});
  EXPECT_EQ(titles(owner().get(documents_path() + "?status=draft&q=problem")),
            (std::vector<std::string>{"Onboarding", "Payments"}));
  EXPECT_EQ(owner().get(documents_path() + "?status=done").status, 422);

  auto first = owner().get(documents_path() + "?limit=2");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(titles(first), (std::vector<std::string>{"Search", "Onboarding"}));
  EXPECT_FALSE(first.json().at("items").as_array().at(0).as_object().contains("content"));
  std::string cursor(first.json().at("next_cursor").as_string());
  auto second = owner().get(documents_path() + "?limit=2&cursor=" + cursor);
  EXPECT_EQ(titles(second), std::vector<std::string>{"Payments"});
  EXPECT_TRUE(second.json().at("next_cursor").is_null());
  EXPECT_EQ(owner().get(documents_path() + "?limit=0").status, 422);
  EXPECT_EQ(owner().get(documents_path() + "?limit=201").status, 422);
  EXPECT_EQ(owner().get(documents_path() + "?cursor=not-an-id").status, 422);
}

TEST_F(DocumentsApiTest, RestoreDiffAndExport) {
  std::string id = create_document("Checkout <Flow>", "# Checkout\n\n## Goals\none\n\n## Scope\nall\n");
  std::string path = "/api/v1/documents/" + id;
  ASSERT_EQ(owner()
                .patch(path, json::object{{"content", "# Checkout\n\n## Goals\ntwo\n\n## Risks\nfraud\n"}},
                       {{"If-Match", "\"1\""}})
                .status,
            200);

  auto diff = owner().get(path + "/diff?from=1&to=2");
  ASSERT_EQ(diff.status, 200) << diff.body;
  auto d = diff.json().as_object();
  EXPECT_EQ(d.at("from"), 1);
  EXPECT_EQ(d.at("to"), 2);
  std::string unified(d.at("unified").as_string());
  EXPECT_EQ(unified.rfind("--- v1\n+++ v2\n@@ ", 0), 0u) << unified;
  EXPECT_NE(unified.find("\n-one\n+two\n"), std::string::npos) << unified;
  EXPECT_EQ(d.at("lines_added"), 3);
  EXPECT_EQ(d.at("lines_removed"), 3);
  std::map<std::string, std::string> changes;
  for (const auto& c : d.at("sections").as_array()) {
    changes[std::string(c.at("section").as_string())] = std::string(c.at("change").as_string());
  }
  EXPECT_EQ(changes, (std::map<std::string, std::string>{
                         {"Goals", "modified"}, {"Risks", "added"}, {"Scope", "removed"}}));
  EXPECT_EQ(owner().get(path + "/diff").json().at("from"), 1);  // defaults: previous → current
  EXPECT_EQ(owner().get(path + "/diff?from=x").status, 422);
  EXPECT_EQ(owner().get(path + "/diff?from=1&to=9").status, 404);

  auto restored = owner().post(path + "/versions/1/restore");
  ASSERT_EQ(restored.status, 200) << restored.body;
  EXPECT_EQ(restored.header("etag"), "\"3\"");
  EXPECT_EQ(restored.json().at("content"), "# Checkout\n\n## Goals\none\n\n## Scope\nall\n");
  EXPECT_EQ(owner().get(path + "/versions").json().at("items").as_array().at(0).at("summary"),
            "Restored version 1");
  EXPECT_EQ(owner().post(path + "/versions/9/restore").status, 404);
  EXPECT_EQ(owner().post(path + "/versions/1/restore", std::nullopt, {{"If-Match", "\"1\""}}).status,
            412);

  auto md = owner().get(path + "/export?format=md");
  ASSERT_EQ(md.status, 200);
  EXPECT_EQ(md.header("content-type"), "text/markdown; charset=utf-8");
  EXPECT_EQ(md.header("content-disposition"), "attachment; filename=\"checkout-flow.md\"");
  EXPECT_EQ(md.body, "# Checkout\n\n## Goals\none\n\n## Scope\nall\n");
  EXPECT_EQ(owner().get(path + "/export").body, md.body);  // md is the default

  auto json_export = owner().get(path + "/export?format=json");
  ASSERT_EQ(json_export.status, 200);
  EXPECT_EQ(json_export.json().at("version"), 3);
  EXPECT_EQ(json_export.json().at("sections").as_array().size(), 3u);

  ASSERT_EQ(owner()
                .patch(path,
                       json::object{{"content",
                                     "## Goals\n<script>alert(1)</script>\n[x](javascript:alert(2))\n"}},
                       {{"If-Match", "\"3\""}})
                .status,
            200);
  auto html = owner().get(path + "/export?format=html");
  ASSERT_EQ(html.status, 200);
  EXPECT_EQ(html.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(html.body.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.body.find("<title>Checkout &lt;Flow&gt;</title>"), std::string::npos);
  EXPECT_NE(html.body.find("Content-Security-Policy"), std::string::npos);
  EXPECT_EQ(html.body.find("<script"), std::string::npos);
  EXPECT_EQ(html.body.find("javascript:"), std::string::npos);
  EXPECT_EQ(owner().get(path + "/export?format=pdf").status, 422);
}

TEST_F(DocumentsApiTest, ShareLinksAreReadOnlyExpireAndRevoke) {
  std::string id = create_document("Shared PRD", "## Goals\n**Ship** <img src=x onerror=alert(1)>\n");
  std::string path = "/api/v1/documents/" + id;
  auto created = owner().post(path + "/shares", json::object{{"expires_in_hours", 2}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto share = created.json().as_object();
  std::string token(share.at("token").as_string());
  std::string share_id(share.at("id").as_string());
  EXPECT_EQ(share.at("url").as_string(), "http://localhost:" + std::to_string(server_->port()) + "/shared/" + token);

  HttpClient anonymous(server_->base_url());
  auto seen = anonymous.get("/api/v1/shared/" + token);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.json().at("title"), "Shared PRD");
  EXPECT_EQ(seen.json().at("version"), 1);
  std::string html(seen.json().at("html").as_string());
  EXPECT_NE(html.find("<strong>Ship</strong>"), std::string::npos);
  EXPECT_EQ(html.find("onerror"), std::string::npos);
  EXPECT_EQ(seen.header("x-robots-tag"), "noindex, nofollow");
  // The link is read-only: nothing else answers to it.
  EXPECT_EQ(anonymous.get(path).status, 401);

  auto listed = owner().get(path + "/shares").json().at("items").as_array();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_FALSE(listed[0].as_object().contains("token"));  // shown once only

  EXPECT_EQ(owner().del("/api/v1/shares/" + share_id).status, 204);
  EXPECT_EQ(anonymous.get("/api/v1/shared/" + token).status, 404);
  EXPECT_EQ(owner().del("/api/v1/shares/" + share_id).status, 404);
  EXPECT_EQ(anonymous.get("/api/v1/shared/not-a-real-token").status, 404);

  // An explicit expiry a moment away, then past it.
  auto soon = owner().post(path + "/shares",
                           json::object{{"expires_at", rfc3339(now_unix() + 2)}});
  ASSERT_EQ(soon.status, 201) << soon.body;
  std::string soon_token(soon.json().at("token").as_string());
  EXPECT_EQ(anonymous.get("/api/v1/shared/" + soon_token).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(2200));
  auto expired = anonymous.get("/api/v1/shared/" + soon_token);
  EXPECT_EQ(expired.status, 410);
  EXPECT_EQ(expired.body.find("Shared PRD"), std::string::npos);

  EXPECT_EQ(owner().post(path + "/shares").status, 201);  // no body: the default expiry
  EXPECT_EQ(owner().post(path + "/shares", json::object{{"expires_in_hours", 0}}).status, 422);
  EXPECT_EQ(owner()
                .post(path + "/shares",
                      json::object{{"expires_in_hours", 1}, {"expires_at", rfc3339(now_unix() + 60)}})
                .status,
            422);
  EXPECT_EQ(owner().post(path + "/shares", json::object{{"expires_at", "tomorrow"}}).status, 422);
  EXPECT_EQ(owner().raw("POST", path + "/shares", "hours=1", "text/plain").status, 415);

  auto last = owner().post(path + "/shares", json::object{});
  std::string last_token(last.json().at("token").as_string());
  ASSERT_EQ(owner().del(path).status, 204);
  EXPECT_EQ(anonymous.get("/api/v1/shared/" + last_token).status, 404);
}

}  // namespace
}  // namespace prism::testing
