// Search everywhere (issue 15): GET /orgs/{org}/search finds documents and
// stories of every project of the organization, title matches above body
// matches, a story key first, with highlighted pieces of plain text; never
// another organization's, a trashed document or a deleted project's. On
// SQLite, and on PostgreSQL in the postgres stage.
#include <gtest/gtest.h>

#include "documents_fixture.hpp"
#include "support/org_helpers.hpp"

namespace prism::testing {
namespace {

class SearchApiTest : public DocumentsApiTest {
 protected:
  std::string search_path(const std::string& query) const {
    return "/api/v1/orgs/" + owner_.org_id + "/search?q=" + query;
  }
  json::array search(HttpClient& c, const std::string& query) {
    auto r = c.get(search_path(query));
    expect_status(r, 200, "search " + query);
    return r.json().at("items").as_array();
  }
  std::string create_story(const json::object& body) {
    auto r = owner().post("/api/v1/projects/" + project_ + "/stories", body);
    expect_status(r, 201, "create story");
    return str(r.json(), "id");
  }
  static std::vector<std::string> ids(const json::array& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(str(i, "id"));
    return out;
  }
  static bool contains(const json::array& items, const std::string& id) {
    auto all = ids(items);
    return std::find(all.begin(), all.end(), id) != all.end();
  }
  // The pieces as "plain[match]plain".
  static std::string shown(const json::value& segments) {
    std::string out;
    for (const auto& s : segments.as_array()) {
      std::string text = str(s, "text");
      out += s.at("match").as_bool() ? "[" + text + "]" : text;
    }
    return out;
  }
};

TEST_F(SearchApiTest, FindsDocumentsAndStoriesTitleMatchesFirstWithHighlights) {
  std::string in_title = create_document("Refund policy", "## Goals\n\nMoney back quickly.\n");
  std::string in_body = create_document(
      "Payments", "## Goals\n\nCards and wallets.\n\n## Rules\n\nThe refund window is 30 days.\n");
  create_document("Onboarding", "## Goals\n\nNothing about money.\n");
  std::string story_title =
      create_story(json::object{{"title", "Refund by card"}, {"i_want", "to get my money back"}});
  std::string story_body = create_story(
      json::object{{"title", "Ledger export"},
                   {"acceptance_criteria",
                    json::array{"Given a refund When the day ends Then it is exported"}}});

  auto viewer = join_as("viewer");
  auto items = search(*viewer, "refund");
  ASSERT_EQ(items.size(), 4u) << json::serialize(items);
  // Every title match before every body match.
  EXPECT_EQ(str(items[0], "matched"), "title");
  EXPECT_EQ(str(items[1], "matched"), "title");
  EXPECT_EQ(str(items[2], "matched"), "body");
  EXPECT_EQ(str(items[3], "matched"), "body");
  std::set<std::string> titled{str(items[0], "id"), str(items[1], "id")};
  EXPECT_EQ(titled, (std::set<std::string>{in_title, story_title}));
  std::set<std::string> bodied{str(items[2], "id"), str(items[3], "id")};
  EXPECT_EQ(bodied, (std::set<std::string>{in_body, story_body}));

  for (const auto& item : items) {
    EXPECT_EQ(str(item.at("project"), "key"), "CHK");
    if (str(item, "id") == in_title) {
      EXPECT_EQ(str(item, "kind"), "document");
      EXPECT_TRUE(item.at("key").is_null());
      EXPECT_EQ(shown(item.at("title_highlight")), "[Refund] policy");
    }
    if (str(item, "id") == in_body) {
      EXPECT_EQ(shown(item.at("snippet")),
                "Goals Cards and wallets. Rules The [refund] window is 30 days.")
          << "the body around the match, whitespace runs as one space, no heading marks";
    }
    if (str(item, "id") == story_title) {
      EXPECT_EQ(str(item, "kind"), "story");
      EXPECT_EQ(str(item, "key"), "CHK-1");
      EXPECT_EQ(str(item, "status"), "todo");
    }
    if (str(item, "id") == story_body) {
      EXPECT_EQ(shown(item.at("snippet")),
                "Given a [refund] When the day ends Then it is exported");
    }
  }

  // The last word is a prefix; diacritics and case do not matter.
  EXPECT_EQ(search(*viewer, "REFU").size(), 4u);
  EXPECT_TRUE(contains(search(*viewer, "money%20back"), story_title)) << "what the story wants";
  EXPECT_TRUE(contains(search(*viewer, "exported"), story_body)) << "acceptance criteria";
  std::string cafe = create_document("Café menu", "Crème brûlée.");
  EXPECT_TRUE(contains(search(*viewer, "cafe%20creme"), cafe));
}

TEST_F(SearchApiTest, AStoryKeyFindsItsStoryFirst) {
  create_story(json::object{{"title", "First story"}});
  std::string second = create_story(json::object{{"title", "Second story"}});
  create_document("Mentions CHK-2", "See CHK-2 for the details.");
  for (const char* key : {"CHK-2", "chk-2"}) {
    auto items = search(owner(), key);
    ASSERT_GE(items.size(), 1u) << key;
    EXPECT_EQ(str(items[0], "id"), second) << key;
    EXPECT_EQ(str(items[0], "matched"), "key") << key;
    EXPECT_EQ(str(items[0], "key"), "CHK-2") << key;
    auto found = ids(items);
    EXPECT_EQ(std::count(found.begin(), found.end(), second), 1) << "listed once";
  }
  EXPECT_EQ(search(owner(), "CHK-99").size(), 0u);
}

TEST_F(SearchApiTest, TrashedDocumentsAreNotFoundUntilRestored) {
  std::string doc = create_document("Tundra plan", "Snow tires.");
  EXPECT_TRUE(contains(search(owner(), "tundra"), doc));
  expect_status(owner().del("/api/v1/documents/" + doc), 204, "delete");
  EXPECT_FALSE(contains(search(owner(), "tundra"), doc));
  EXPECT_FALSE(contains(search(owner(), "snow"), doc));
  expect_status(owner().post("/api/v1/documents/" + doc + "/restore"), 200, "restore");
  EXPECT_TRUE(contains(search(owner(), "tundra"), doc));
  EXPECT_TRUE(contains(search(owner(), "snow"), doc)) << "its content is indexed as before";
}

TEST_F(SearchApiTest, DeletedStoriesAndDeletedProjectsAreNotFound) {
  std::string story = create_story(json::object{{"title", "Glacier alerts"}});
  expect_status(owner().del("/api/v1/stories/" + story), 204, "delete story");
  EXPECT_TRUE(search(owner(), "glacier").empty());

  std::string other = create_project(owner(), owner_.org_id, "Legacy", "LEG");
  auto d = owner().post("/api/v1/projects/" + other + "/documents",
                        json::object{{"title", "Glacier retro"}});
  expect_status(d, 201, "document");
  auto s = owner().post("/api/v1/projects/" + other + "/stories",
                        json::object{{"title", "Glacier story"}});
  expect_status(s, 201, "story");
  EXPECT_EQ(search(owner(), "glacier").size(), 2u) << "every project of the organization";
  expect_status(owner().del("/api/v1/projects/" + other), 204, "delete project");
  EXPECT_TRUE(search(owner(), "glacier").empty());
}

TEST_F(SearchApiTest, AnotherOrganizationIsNotFoundAndNeverSearched) {
  create_document("Secret merger", "x");
  auto stranger = client();
  TestUser other = register_user(*stranger, "search-stranger", "Elsewhere");
  expect_error(stranger->get(search_path("merger")), 404);
  // Access is decided before the query is looked at.
  expect_error(stranger->get("/api/v1/orgs/" + owner_.org_id + "/search"), 404);
  expect_error(stranger->get(search_path("merger") + "&limit=500"), 404);
  auto own = stranger->get("/api/v1/orgs/" + other.org_id + "/search?q=merger");
  expect_status(own, 200, "own org");
  EXPECT_TRUE(own.json().at("items").as_array().empty()) << own.body;
}

TEST_F(SearchApiTest, BoundedRequestsAndValidation) {
  for (int i = 0; i < 3; ++i) create_document("Fjord " + std::to_string(i), "x");
  auto one = owner().get(search_path("fjord") + "&limit=1");
  expect_status(one, 200, "limit=1");
  EXPECT_EQ(one.json().at("items").as_array().size(), 1u);
  EXPECT_TRUE(one.json().at("has_more").as_bool());
  auto all = owner().get(search_path("fjord"));
  EXPECT_EQ(all.json().at("items").as_array().size(), 3u);
  EXPECT_FALSE(all.json().at("has_more").as_bool());

  const std::string org = "/api/v1/orgs/" + owner_.org_id + "/search";
  for (const std::string& bad :
       {org, org + "?q=", org + "?q=%21%21%21", org + "?q=" + std::string(201, 'a')}) {
    auto r = owner().get(bad);
    expect_error(r, 422, "validation_failed");
    EXPECT_TRUE(has_error_for(r, "q")) << bad << ": " << r.body;
  }
  EXPECT_EQ(owner().get(org + "?q=" + std::string(200, 'a')).status, 200);
  for (const char* limit : {"0", "51", "ten", "-1"}) {
    auto r = owner().get(search_path("fjord") + "&limit=" + limit);
    expect_error(r, 422, "validation_failed");
    EXPECT_TRUE(has_error_for(r, "limit")) << limit << ": " << r.body;
  }
}

TEST_F(SearchApiTest, UserTextComesBackAsPlainTextPieces) {
  std::string doc = create_document("<img src=x onerror=alert(1)> Quokka", "<b>quokka</b> notes");
  auto items = search(owner(), "quokka");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(str(items[0], "id"), doc);
  EXPECT_EQ(shown(items[0].at("title_highlight")), "<img src=x onerror=alert(1)> [Quokka]")
      << "the text as it was, for the client to render as text";
  EXPECT_EQ(shown(items[0].at("snippet")), "<b>[quokka]</b> notes");
}

}  // namespace
}  // namespace prism::testing
