#include "services/stories/stories_service.hpp"

#include <gtest/gtest.h>

#include "core/error_testing.hpp"
#include "services/orgs/projects_service.hpp"
#include "services/orgs/testing_orgs.hpp"
#include "store/audit_store.hpp"

namespace prism::services {
namespace {

// A real SQLite database: org A (owner, member, viewer) with a project and a
// document, org B (stranger) with its own project.
class StoriesServiceTest : public ::testing::Test, protected testing::TwoOrgs {
 protected:
  void SetUp() override {
    ProjectsService projects(tdb.db());
    project = projects.create(as_owner, org_a, {"Web", "WEB", ""}).id;
    other_project = projects.create(as_owner, org_a, {"App", "APP", ""}).id;
    foreign_project = projects.create(as_stranger, org_b, {"B", "BB", ""}).id;
    DocumentsService documents(tdb.db());
    document = documents.create(as_owner, project, {"PRD", "## Goals\n", {}, {}}).document.id;
    other_document =
        documents.create(as_owner, other_project, {"PRD", "## Goals\n", {}, {}}).document.id;
  }

  NewStory new_story(std::string title, std::optional<std::string> ref = std::nullopt) {
    NewStory s;
    s.title = std::move(title);
    s.as_a = "shopper";
    s.requirement_ref = std::move(ref);
    return s;
  }

  StoriesService stories{tdb.db()};
  std::string project, other_project, foreign_project, document, other_document;
};

TEST_F(StoriesServiceTest, MembersWriteViewersReadStrangersSeeNothing) {
  auto s = stories.create(as_member, project, new_story(" Pay "));
  EXPECT_EQ(s.title, "Pay");
  EXPECT_EQ(s.org_id, org_a);
  EXPECT_EQ(s.created_by, member);
  EXPECT_EQ(stories.get(as_viewer, s.id).title, "Pay");
  EXPECT_EQ(code_of([&] { stories.create(as_viewer, project, new_story("x")); }),
            ErrorCode::kForbidden);
  StoryChanges c;
  c.status = "done";
  EXPECT_EQ(code_of([&] { stories.update(as_viewer, s.id, c); }), ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] { stories.remove(as_viewer, s.id); }), ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] { stories.get(as_stranger, s.id); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { stories.update(as_stranger, s.id, c); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { stories.remove(as_stranger, s.id); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { stories.list(as_stranger, project, {}); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { stories.create(as_stranger, project, new_story("x")); }),
            ErrorCode::kNotFound);

  EXPECT_EQ(stories.update(as_member, s.id, c).status, "done");
  stories.remove(as_member, s.id);
  EXPECT_EQ(code_of([&] { stories.get(as_owner, s.id); }), ErrorCode::kNotFound);
  EXPECT_TRUE(stories.list(as_owner, project, {}).empty());
}

TEST_F(StoriesServiceTest, CreationDeletionAndStatusChangesAreAudited) {
  auto s = stories.create(as_member, project, new_story("Pay"));
  StoryChanges c;
  c.status = "in_progress";
  stories.update(as_member, s.id, c);
  stories.remove(as_member, s.id);
  auto rows = tdb.db().read(
      [&](store::Tx& tx) { return store::audit::list_for_org(tx, org_a, std::nullopt, 50); });
  std::vector<std::string> actions;
  for (const auto& r : rows) {
    if (r.target_id == s.id) actions.push_back(r.action);
  }
  EXPECT_EQ(actions.size(), 3u);
  for (const char* a : {"story.created", "story.status_changed", "story.deleted"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), a), actions.end()) << a;
  }
}

TEST_F(StoriesServiceTest, DocumentMustBelongToTheProject) {
  auto in = new_story("Linked");
  in.document_id = document;
  EXPECT_EQ(stories.create(as_member, project, in).document_id, document);
  in.document_id = other_document;
  EXPECT_EQ(code_of([&] { stories.create(as_member, project, in); }), ErrorCode::kValidationFailed);
  auto s = stories.create(as_member, project, new_story("Free"));
  StoryChanges c;
  c.document_id = std::optional<std::string>(other_document);
  EXPECT_EQ(code_of([&] { stories.update(as_member, s.id, c); }), ErrorCode::kValidationFailed);
}

TEST_F(StoriesServiceTest, ListFiltersAndPages) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    auto in = new_story("S" + std::to_string(i));
    in.status = i % 2 ? "done" : "todo";
    in.priority = i == 4 ? "high" : "low";
    if (i < 2) in.document_id = document;
    ids.push_back(stories.create(as_member, project, in).id);
  }
  stories.create(as_member, other_project, new_story("elsewhere"));
  StoryQuery q;
  q.limit = 2;
  auto first = stories.list(as_viewer, project, q);
  ASSERT_EQ(first.size(), 3u) << "limit + 1";
  EXPECT_EQ(first[0].id, ids[0]);
  q.cursor = first[1].id;
  auto second = stories.list(as_viewer, project, q);
  ASSERT_GE(second.size(), 2u);
  EXPECT_EQ(second[0].id, ids[2]);

  StoryQuery done;
  done.status = "done";
  EXPECT_EQ(stories.list(as_viewer, project, done).size(), 2u);
  StoryQuery linked;
  linked.document_id = document;
  EXPECT_EQ(stories.list(as_viewer, project, linked).size(), 2u);
  StoryQuery high;
  high.priority = "high";
  ASSERT_EQ(stories.list(as_viewer, project, high).size(), 1u);
  StoryQuery bad;
  bad.status = "blocked";
  EXPECT_EQ(code_of([&] { stories.list(as_viewer, project, bad); }), ErrorCode::kValidationFailed);
}

TEST_F(StoriesServiceTest, PatchMergesValidatesAndClears) {
  auto in = new_story("Pay", "FR-1");
  in.points = 3;
  auto s = stories.create(as_member, project, in);
  StoryChanges c;
  c.points = std::optional<std::int64_t>{};
  c.requirement_ref = std::optional<std::string>("nfr-2");
  c.acceptance_criteria = std::vector<std::string>{"Given a When b Then c"};
  auto changed = stories.update(as_member, s.id, c);
  EXPECT_FALSE(changed.points);
  EXPECT_EQ(changed.requirement_ref, "NFR-2");
  EXPECT_EQ(changed.title, "Pay");
  EXPECT_EQ(changed.as_a, "shopper");
  EXPECT_EQ(stories.get(as_viewer, s.id).acceptance_criteria, c.acceptance_criteria.value());
  StoryChanges bad;
  bad.priority = "urgent";
  bad.title = "";
  try {
    stories.update(as_member, s.id, bad);
    FAIL() << "expected 422";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
    EXPECT_EQ(e.field_errors.size(), 2u);
  }
}

TEST_F(StoriesServiceTest, AddStoriesInTxIsAllOrNothingAndFeedsCoverage) {
  std::string generation = "01900000-0000-7000-8000-0000000000aa";
  std::vector<NewStory> batch = {new_story("A", "FR-1"), new_story("B", "fr-2"),
                                 new_story("C", "FR-1"), new_story("D")};
  auto added = tdb.db().write([&](store::Tx& tx) {
    return stories.add_stories_in_tx(tx, as_member, project, document, generation, batch);
  });
  ASSERT_EQ(added.size(), 4u);
  EXPECT_EQ(added[1].requirement_ref, "FR-2");
  for (const auto& s : added) {
    EXPECT_EQ(s.generation_id, generation);
    EXPECT_EQ(s.document_id, document);
  }
  auto covered = tdb.db().read(
      [&](store::Tx& tx) { return store::stories::covered_requirements(tx, document); });
  EXPECT_EQ(covered, (std::set<std::string>{"FR-1", "FR-2"}));
  auto counts = tdb.db().read(
      [&](store::Tx& tx) { return store::stories::requirement_counts(tx, document); });
  EXPECT_EQ(counts["FR-1"], 2);

  // A deleted story no longer covers its requirement.
  stories.remove(as_member, added[1].id);
  covered = tdb.db().read(
      [&](store::Tx& tx) { return store::stories::covered_requirements(tx, document); });
  EXPECT_EQ(covered, (std::set<std::string>{"FR-1"}));

  // One bad story rejects the whole batch, naming it.
  std::vector<NewStory> bad = {new_story("ok"), new_story("")};
  try {
    tdb.db().write([&](store::Tx& tx) {
      stories.add_stories_in_tx(tx, as_member, project, document, generation, bad);
    });
    FAIL() << "expected 422";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kValidationFailed);
    ASSERT_FALSE(e.field_errors.empty());
    EXPECT_EQ(e.field_errors[0].field, "stories[1].title");
  }
  EXPECT_EQ(stories.list(as_owner, project, {}).size(), 3u);
  EXPECT_EQ(code_of([&] {
              tdb.db().write([&](store::Tx& tx) {
                stories.add_stories_in_tx(tx, as_viewer, project, document, generation, batch);
              });
            }),
            ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] {
              tdb.db().write([&](store::Tx& tx) {
                stories.add_stories_in_tx(tx, as_member, project, other_document, generation,
                                          batch);
              });
            }),
            ErrorCode::kValidationFailed);
}

TEST_F(StoriesServiceTest, ExportNamesTheFileAfterTheProjectKey) {
  stories.create(as_member, project, new_story("Pay"));
  auto csv = stories.export_stories(as_viewer, project, {}, StoryExportFormat::kCsv);
  EXPECT_EQ(csv.filename, "WEB-stories.csv");
  EXPECT_NE(csv.body.find("\r\nPay,Story,"), std::string::npos);
  auto md = stories.export_stories(as_viewer, project, {}, StoryExportFormat::kMarkdown);
  EXPECT_EQ(md.filename, "WEB-stories.md");
  auto js = stories.export_stories(as_viewer, project, {}, StoryExportFormat::kJson);
  auto v = json::parse(js.body);
  EXPECT_EQ(v.at("project").at("key"), "WEB");
  EXPECT_EQ(v.at("items").as_array().size(), 1u);
  EXPECT_EQ(
      code_of([&] { stories.export_stories(as_stranger, project, {}, StoryExportFormat::kCsv); }),
      ErrorCode::kNotFound);
}

}  // namespace
}  // namespace prism::services
