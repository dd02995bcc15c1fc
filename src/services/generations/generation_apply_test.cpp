// apply() beyond "everything at once": story proposals accepted one by one,
// and the text of a stopped PRD saved as a draft.
#include <chrono>
#include <thread>

#include "core/error_testing.hpp"
#include "services/generations/generation_service_fixture.hpp"

namespace prism::services::generations {
namespace {

using service_testing::GenerationServiceTest;

json::object apply_body(std::initializer_list<std::int64_t> indexes) {
  json::array a;
  for (auto i : indexes) a.push_back(i);
  return json::object{{"stories", a}};
}

TEST_F(GenerationServiceTest, StoryProposalsAreAcceptedOneByOneAndEachOnlyOnce) {
  auto doc = make_document("## Requirements\n\nFR-1 search.\n");
  provider.answers = {R"([{"title":"A"},{"title":"B"},{"title":"C"}])"};
  auto id = finished(json::object{{"kind", "stories"}, {"input", json::object{{"document_id", doc}}}},
                     as_member);
  ASSERT_EQ(service->get(as_member, id).status, "succeeded");

  auto first = service->apply(as_member, id, apply_body({1}));
  EXPECT_EQ(added_stories, 1);
  EXPECT_EQ(json::serialize(first["applied"]), "[1]");
  EXPECT_EQ(first["remaining"].as_int64(), 2);
  EXPECT_EQ(first["stories"].as_array().at(0).at("title"), "B");
  EXPECT_EQ(code_of([&] { service->apply(as_member, id, apply_body({1})); }), ErrorCode::kConflict);
  EXPECT_EQ(code_of([&] { service->apply(as_member, id, apply_body({3})); }),
            ErrorCode::kValidationFailed);
  EXPECT_EQ(code_of([&] { service->apply(as_member, id, json::object{{"stories", "all"}}); }),
            ErrorCode::kValidationFailed);
  EXPECT_EQ(code_of([&] { service->apply(as_viewer, id, apply_body({0})); }),
            ErrorCode::kForbidden);
  EXPECT_FALSE(service->get(as_member, id).applied_at);

  auto rest = service->apply(as_member, id);  // the others
  EXPECT_EQ(added_stories, 3);
  EXPECT_EQ(json::serialize(rest["applied"]), "[0,1,2]");
  EXPECT_EQ(rest["remaining"].as_int64(), 0);
  auto g = service->get(as_member, id);
  EXPECT_TRUE(g.applied_at);
  EXPECT_EQ(g.applied_stories, "[0,1,2]");
  EXPECT_EQ(code_of([&] { service->apply(as_member, id); }), ErrorCode::kConflict);
}

TEST_F(GenerationServiceTest, AStoppedPrdIsSavedAsADraftOnce) {
  provider.block_until_cancel = true;
  auto started = service->start(as_member, project, prd_body(false));
  for (int i = 0; i < 400 && service->get(as_member, started.id).output.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(code_of([&] { service->apply(as_member, started.id); }), ErrorCode::kConflict)
      << "still running";
  service->cancel(as_member, started.id);
  EXPECT_EQ(code_of([&] { service->apply(as_viewer, started.id); }), ErrorCode::kForbidden);

  auto saved = service->apply(as_member, started.id, json::object{{"title", "Acme, first half"}});
  EXPECT_EQ(saved["kind"], "prd");
  auto draft = documents.get(as_member, std::string(saved["document_id"].as_string()));
  EXPECT_EQ(draft.document.title, "Acme, first half");
  EXPECT_EQ(draft.document.status, "draft");
  EXPECT_EQ(draft.version.content, "partial ");
  EXPECT_EQ(draft.version.generation_id, started.id);
  EXPECT_EQ(code_of([&] { service->apply(as_member, started.id); }), ErrorCode::kConflict)
      << "saved once";

  provider.block_until_cancel = false;
  auto done = finished(prd_body(false), as_member);
  EXPECT_EQ(code_of([&] { service->apply(as_member, done); }), ErrorCode::kConflict)
      << "a finished PRD is already a document";
}

}  // namespace
}  // namespace prism::services::generations
