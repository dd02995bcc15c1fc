// GET /documents/{id}/lint through the real binary: findings against the
// document's template, roles and tenant isolation.
#include <gtest/gtest.h>

#include <memory>

#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/org_helpers.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::expect_error;
using testing::str;
using testing::TestUser;

class LintTest : public testing::OrgApiTest {
 protected:
  std::string create_document(testing::HttpClient& c, const TestUser& u, json::object body) {
    // A project per document, each with its own key.
    std::string key = "LNT" + std::to_string(++projects_);
    std::string project = testing::create_project(c, u.org_id, key, key);
    auto r = c.post("/api/v1/projects/" + project + "/documents", body);
    testing::expect_status(r, 201, "create document");
    return str(r.json(), "id");
  }

  static std::vector<json::object> findings(const json::value& report, const std::string& rule) {
    std::vector<json::object> out;
    for (const auto& f : report.at("findings").as_array()) {
      if (str(f, "rule") == rule) out.push_back(f.as_object());
    }
    return out;
  }

  int projects_ = 0;
};

TEST_F(LintTest, ReportsFindingsWithSectionsAndLines) {
  auto [ada, c] = user("ada");
  std::string content =
      "## Functional Requirements\n"
      "- FR-1: Shoppers pay with a saved card\n"
      "- The checkout must be fast\n"
      "\n"
      "## Success Metrics\n"
      "- SM-1: more people buy, TBD\n";
  std::string id = create_document(*c, ada, json::object{{"title", "PRD"}, {"content", content}});
  auto r = c->get("/api/v1/documents/" + id + "/lint");
  ASSERT_EQ(r.status, 200) << r.body;
  auto report = r.json();
  auto without_id = findings(report, "requirement_without_id");
  ASSERT_EQ(without_id.size(), 1u) << r.body;
  EXPECT_EQ(without_id[0].at("line").as_int64(), 3);
  EXPECT_EQ(str(without_id[0], "section"), "Functional Requirements");
  EXPECT_EQ(str(without_id[0], "severity"), "warning");
  EXPECT_EQ(findings(report, "vague_word").size(), 1u);
  EXPECT_EQ(findings(report, "todo_left").size(), 1u);
  EXPECT_EQ(findings(report, "metric_without_number").size(), 1u);
  auto uncovered = findings(report, "uncovered_requirement");
  ASSERT_EQ(uncovered.size(), 1u);
  EXPECT_EQ(str(uncovered[0], "severity"), "info");
  // 4 warnings and 1 info.
  EXPECT_EQ(report.at("score").as_int64(), 100 - 4 * 5 - 1);
}

TEST_F(LintTest, RequiredSectionsComeFromTheDocumentsTemplate) {
  auto [ada, c] = user("ada");
  std::string id = create_document(*c, ada,
                                   json::object{{"title", "PRD"},
                                                {"template", "lean"},
                                                {"content", "## Problem\nCarts are abandoned.\n"}});
  auto report = c->get("/api/v1/documents/" + id + "/lint").json();
  auto missing = findings(report, "missing_section");
  std::vector<std::string> titles;
  for (const auto& f : missing) {
    titles.push_back(str(f, "section"));
    EXPECT_EQ(str(f, "severity"), "error");
    EXPECT_FALSE(f.contains("line"));
  }
  EXPECT_EQ(titles, (std::vector<std::string>{"Objectives and Success Metrics", "Target Users",
                                              "Functional Requirements"}));
  EXPECT_EQ(report.at("score").as_int64(), 100 - 30);  // capped at 30 for one rule

  // A skeleton straight from the template: every required section is empty.
  std::string skeleton =
      create_document(*c, ada, json::object{{"title", "S"}, {"template", "comprehensive"}});
  auto empty = findings(c->get("/api/v1/documents/" + skeleton + "/lint").json(), "empty_section");
  EXPECT_EQ(empty.size(), 8u);
}

TEST_F(LintTest, AnyMemberMayLintOthersGetNotFound) {
  auto [owner, oc] = user("owner");
  auto [viewer, vc] = user("viewer");
  auto [eve, e] = user("eve");
  testing::invite_and_accept(*oc, *sink_, owner.org_id, viewer, *vc, "viewer");
  std::string id = create_document(*oc, owner, json::object{{"title", "PRD"}, {"content", "Hi\n"}});
  std::string path = "/api/v1/documents/" + id + "/lint";
  auto as_viewer = vc->get(path);
  ASSERT_EQ(as_viewer.status, 200) << as_viewer.body;
  EXPECT_EQ(as_viewer.json().at("score").as_int64(), 100);
  EXPECT_TRUE(as_viewer.json().at("findings").as_array().empty());
  expect_error(e->get(path), 404, "not_found");
  expect_error(oc->get("/api/v1/documents/no-such-document/lint"), 404);
  expect_error(anonymous_client()->get(path), 401);
  ASSERT_EQ(oc->del("/api/v1/documents/" + id).status, 204);
  expect_error(oc->get(path), 404);
}

}  // namespace
}  // namespace prism
