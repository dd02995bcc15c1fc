// Story keys through the real binary: every story answers with its key
// (CHK-12) and number, numbers are never given twice in a project (not after
// a delete, not to concurrent requests), the backlog finds a story by its key,
// and keys follow a renamed project.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <set>

#include "stories_fixture.hpp"
#include "support/api_helpers.hpp"
#include "support/csv_reader.hpp"
#include "support/http_client.hpp"
#include "support/org_helpers.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::expect_error;
using testing::has_error_for;
using testing::HttpClient;
using testing::str;

class StoryKeysTest : public testing::StoriesTest {
 protected:
  static json::object created(HttpClient& c, const std::string& project, const std::string& title) {
    auto r = c.post(stories_of(project), json::object{{"title", title}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().as_object() : json::object{};
  }

  static std::vector<std::string> keys_of(HttpClient& c, const std::string& path) {
    auto r = c.get(path);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    if (r.status != 200) return out;
    for (const auto& item : r.json().at("items").as_array()) out.push_back(str(item, "key"));
    return out;
  }
};

TEST_F(StoryKeysTest, StoriesAreNumberedPerProjectAndNumbersAreNeverReused) {
  auto s = setup("ada", "CHK");
  auto& c = *s.client;
  auto first = created(c, s.project, "Pay by card");
  EXPECT_EQ(str(first, "key"), "CHK-1");
  EXPECT_EQ(first.at("number"), 1);
  auto second = created(c, s.project, "Refund");
  EXPECT_EQ(str(second, "key"), "CHK-2");
  auto read = c.get("/api/v1/stories/" + str(second, "id"));
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(str(read.json(), "key"), "CHK-2");

  std::string other = testing::create_project(c, s.owner.org_id, "App", "APP");
  EXPECT_EQ(str(created(c, other, "Login"), "key"), "APP-1");

  ASSERT_EQ(c.del("/api/v1/stories/" + str(second, "id")).status, 204);
  EXPECT_EQ(str(created(c, s.project, "Receipts"), "key"), "CHK-3") << "CHK-2 stays used";
  EXPECT_EQ(keys_of(c, stories_of(s.project)), (std::vector<std::string>{"CHK-1", "CHK-3"}));
  // PATCH changes neither the number nor the key.
  auto patched = c.patch("/api/v1/stories/" + str(first, "id"), json::object{{"title", "Pay"}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(str(patched.json(), "key"), "CHK-1");
}

TEST_F(StoryKeysTest, ConcurrentRequestsGetDistinctNumbers) {
  auto s = setup("ada", "CHK");
  constexpr int kClients = 4, kEach = 5;
  std::vector<std::future<std::vector<std::int64_t>>> runs;
  for (int i = 0; i < kClients; ++i) {
    auto client = anonymous_client();
    client->set_bearer(s.client->bearer());
    runs.push_back(std::async(std::launch::async, [&s, c = std::move(client), i] {
      std::vector<std::int64_t> got;
      for (int k = 0; k < kEach; ++k) {
        auto story = created(*c, s.project, "S" + std::to_string(i) + "-" + std::to_string(k));
        if (story.contains("number")) got.push_back(story.at("number").as_int64());
      }
      return got;
    }));
  }
  std::set<std::int64_t> numbers;
  for (auto& r : runs) {
    for (auto n : r.get()) EXPECT_TRUE(numbers.insert(n).second) << "number " << n << " twice";
  }
  ASSERT_EQ(numbers.size(), static_cast<std::size_t>(kClients * kEach));
  EXPECT_EQ(*numbers.rbegin(), kClients * kEach);
}

TEST_F(StoryKeysTest, TheBacklogFindsAStoryByItsKey) {
  auto s = setup("ada", "CHK");
  auto& c = *s.client;
  created(c, s.project, "Pay by card");  // CHK-1
  created(c, s.project, "Refund");       // CHK-2
  for (int i = 3; i <= 12; ++i) created(c, s.project, "Filler " + std::to_string(i));
  std::string path = stories_of(s.project);

  EXPECT_EQ(keys_of(c, path + "?key=CHK-12"), std::vector<std::string>{"CHK-12"});
  EXPECT_EQ(keys_of(c, path + "?key=chk-2"), std::vector<std::string>{"CHK-2"});
  EXPECT_TRUE(keys_of(c, path + "?key=CHK-99").empty());
  EXPECT_TRUE(keys_of(c, path + "?key=APP-1").empty());
  auto bad = c.get(path + "?key=refund");
  expect_error(bad, 422, "validation_failed");
  EXPECT_TRUE(has_error_for(bad, "key"));

  EXPECT_EQ(keys_of(c, path + "?q=CHK-12"), std::vector<std::string>{"CHK-12"});
  EXPECT_EQ(keys_of(c, path + "?q=%232"), std::vector<std::string>{"CHK-2"});
  EXPECT_EQ(keys_of(c, path + "?q=refund"), std::vector<std::string>{"CHK-2"});
  EXPECT_EQ(keys_of(c, path + "?q=pay%20by"), std::vector<std::string>{"CHK-1"});
  EXPECT_EQ(keys_of(c, path + "?q=CHK-12&status=done"), std::vector<std::string>{});

  // The export takes the same filters; the CSV and Markdown carry the key.
  auto csv = c.get(path + "/export?format=csv&q=CHK-2");
  ASSERT_EQ(csv.status, 200) << csv.body;
  auto rows = testing::parse_csv(csv.body);
  ASSERT_EQ(rows.size(), 2u) << csv.body;
  EXPECT_EQ(rows[0].back(), "PRISM Key");
  EXPECT_EQ(rows[1].back(), "CHK-2");
  EXPECT_EQ(rows[1][0], "Refund");
  auto md = c.get(path + "/export?format=md");
  EXPECT_NE(md.body.find("### CHK-12: Filler 12\n"), std::string::npos) << md.body;

  // Another organization cannot probe keys.
  auto [bob, bc] = user("bob");
  expect_error(bc->get(path + "?key=CHK-1"), 404, "not_found");
}

TEST_F(StoryKeysTest, KeysFollowARenamedProject) {
  auto s = setup("ada", "CHK");
  auto& c = *s.client;
  std::string id = str(created(c, s.project, "Pay"), "id");
  auto renamed = c.patch("/api/v1/projects/" + s.project, json::object{{"key", "PAY"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  auto read = c.get("/api/v1/stories/" + id);
  EXPECT_EQ(str(read.json(), "key"), "PAY-1");
  EXPECT_EQ(read.json().at("number"), 1);
  EXPECT_TRUE(keys_of(c, stories_of(s.project) + "?key=CHK-1").empty()) << "the old key is gone";
  EXPECT_EQ(keys_of(c, stories_of(s.project) + "?key=PAY-1"), std::vector<std::string>{"PAY-1"});
  EXPECT_EQ(str(created(c, s.project, "Next"), "key"), "PAY-2");
}

}  // namespace
}  // namespace prism
