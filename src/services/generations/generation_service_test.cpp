#include "services/generations/generation_service.hpp"

#include <gtest/gtest.h>

#include "core/error_testing.hpp"
#include "services/generations/generation_service_fixture.hpp"

namespace prism::services::generations {
namespace {

using service_testing::GenerationServiceTest;
using service_testing::parse_story_array;
using service_testing::ScriptedProvider;

std::string read_all(http::EventSource& source) {
  std::string out;
  source.set_waker([] {});
  while (source.read(out)) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return out;
}

TEST_F(GenerationServiceTest, PrdBecomesADocumentWrittenByAi) {
  auto id = finished(prd_body(), as_member);
  auto g = service->get(as_viewer, id);
  EXPECT_EQ(g.status, "succeeded");
  EXPECT_FALSE(g.cached);
  EXPECT_EQ(g.output, provider.default_answer);
  EXPECT_EQ(g.tokens_in, 100);
  EXPECT_EQ(g.tokens_out, 50);
  EXPECT_DOUBLE_EQ(g.cost_usd, 0.15);
  ASSERT_TRUE(g.document_id);
  auto doc = documents.get(as_member, *g.document_id);
  EXPECT_EQ(doc.version.content, provider.default_answer);
  EXPECT_EQ(doc.version.source, "ai");
  EXPECT_EQ(doc.version.generation_id, id);
  EXPECT_EQ(doc.document.title, "Acme");

  std::string sse = read_all(*service->events(as_member, id, 0));
  EXPECT_EQ(sse.rfind("id: 1\nevent: status\n", 0), 0u) << sse;
  EXPECT_NE(sse.find("event: delta\ndata: {\"text\":\"# Acme\\n\"}"), std::string::npos) << sse;
  EXPECT_NE(
      sse.find("event: done\ndata: {\"document_id\":\"" + *g.document_id + "\",\"version\":1}"),
      std::string::npos);
}

TEST_F(GenerationServiceTest, IdenticalRequestIsAnsweredFromTheCacheAtZeroCost) {
  finished(prd_body(), as_member);
  auto body = prd_body();
  // Different white space and case of nothing meaningful: the same request.
  body["input"].as_object()["description"] = "A tool for teams";
  auto started = service->start(as_owner, project, body);
  EXPECT_TRUE(started.cached);
  // Answered at once; its document is made in the background.
  EXPECT_EQ(started.status, "running");
  service->wait_idle();
  EXPECT_EQ(provider.calls.load(), 1);
  auto g = service->get(as_owner, started.id);
  EXPECT_EQ(g.status, "succeeded");
  EXPECT_TRUE(g.cached);
  EXPECT_EQ(g.tokens_in + g.tokens_out, 0);
  EXPECT_EQ(g.cost_usd, 0);
  EXPECT_EQ(g.output, provider.default_answer);
  EXPECT_TRUE(g.document_id);
  std::string sse = read_all(*service->events(as_owner, started.id, 0));
  EXPECT_NE(sse.find("event: done"), std::string::npos);

  finished(prd_body(false), as_member);
  EXPECT_EQ(provider.calls.load(), 2);
  EXPECT_EQ(service->list(as_viewer, project, std::nullopt, 50).size(), 3u);
}

TEST_F(GenerationServiceTest, TheCacheFallsBackToTheHistory) {
  finished(prd_body(), as_member);
  cache::MemoryCache empty;
  // A new cache (e.g. after a restart): only the history can answer.
  AiHooks hooks;
  hooks.find_provider = [this](std::string_view, std::string_view) { return borrow(provider); };
  GenerationService with_history(tdb.db(), empty, documents, hooks, GenerationLimits{});
  auto started = with_history.start(as_member, project, prd_body());
  EXPECT_TRUE(started.cached);
  EXPECT_EQ(provider.calls.load(), 1);
}

TEST_F(GenerationServiceTest, BudgetStopsAGenerationBeforeTheProvider) {
  finished(prd_body(), as_member);
  tdb.db().write([&](store::Tx& tx) {
    auto o = *store::orgs::find_org(tx, org);
    o.monthly_budget_tokens = 150;
    store::orgs::update_org(tx, o);
  });
  try {
    service->start(as_member, project, prd_body(false));
    FAIL() << "expected 402";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kPaymentRequired);
    EXPECT_EQ(e.machine_code, "budget_exceeded");
  }
  EXPECT_EQ(provider.calls.load(), 1);
}

TEST_F(GenerationServiceTest, ViewersCannotGenerateAndOtherOrganizationsSeeNothing) {
  EXPECT_EQ(code_of([&] { service->start(as_viewer, project, prd_body()); }),
            ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] { service->start(as_stranger, project, prd_body()); }),
            ErrorCode::kNotFound);
  auto id = finished(prd_body(), as_member);
  EXPECT_EQ(code_of([&] { service->get(as_stranger, id); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { service->events(as_stranger, id, 0); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { service->cancel(as_stranger, id); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { service->cancel(as_viewer, id); }), ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] { service->apply(as_viewer, id); }), ErrorCode::kForbidden);
  EXPECT_EQ(code_of([&] { service->usage(as_stranger, org, 0, 1); }), ErrorCode::kNotFound);
  EXPECT_EQ(code_of([&] { service->list(as_stranger, project, std::nullopt, 5); }),
            ErrorCode::kNotFound);
}

TEST_F(GenerationServiceTest, CancelAbortsTheCallAndKeepsTheOutputSoFar) {
  provider.block_until_cancel = true;
  auto started = service->start(as_member, project, prd_body());
  while (service->get(as_member, started.id).status != "running") {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  auto g = service->cancel(as_member, started.id);
  EXPECT_EQ(g.status, "cancelled");
  EXPECT_EQ(g.output, "partial ");
  EXPECT_FALSE(g.document_id);
  EXPECT_EQ(code_of([&] { service->cancel(as_member, started.id); }), ErrorCode::kConflict);
  std::string sse = read_all(*service->events(as_member, started.id, 0));
  EXPECT_NE(sse.find("event: error\ndata: {\"code\":\"cancelled\""), std::string::npos) << sse;
}

TEST_F(GenerationServiceTest, EventsResumeAfterTheLastEventId) {
  auto id = finished(prd_body(), as_member);
  std::string all = read_all(*service->events(as_member, id, 0));
  std::string rest = read_all(*service->events(as_member, id, 3));
  EXPECT_EQ(rest.rfind("id: 4\n", 0), 0u) << rest;
  EXPECT_EQ(all.substr(all.find("id: 4\n")), rest);
}

TEST_F(GenerationServiceTest, SectionProposalIsAppliedOnceAsANewVersion) {
  auto doc = make_document("# Spec\n\n## Goals\n\nOld goals.\n\n## Risks\n\nNone.\n");
  provider.answers.push_back("Sharper goals.\n\n");
  auto id = finished(json::object{{"kind", "section"},
                                  {"input", json::object{{"document_id", doc},
                                                         {"section", "Goals"},
                                                         {"instruction", "sharpen"}}}},
                     as_member);
  auto g = service->get(as_member, id);
  ASSERT_EQ(g.status, "succeeded") << g.error_message.value_or("");
  auto result = json::parse(*g.result).as_object();
  EXPECT_EQ(result["original"].as_string(), "\nOld goals.\n\n");
  EXPECT_NE(result["diff"].as_object()["unified"].as_string().find("+Sharper goals."),
            std::string::npos);
  // Proposals do not touch the document until applied.
  EXPECT_EQ(documents.get(as_member, doc).version.version, 1);
  auto applied = service->apply(as_member, id);
  EXPECT_EQ(applied["version"].as_int64(), 2);
  auto now = documents.get(as_member, doc);
  EXPECT_EQ(now.version.content, "# Spec\n\n## Goals\n\nSharper goals.\n\n## Risks\n\nNone.\n");
  EXPECT_EQ(now.version.source, "ai");
  // The rewrite is a new version, not a status change.
  EXPECT_EQ(now.document.status, "draft");
  EXPECT_EQ(code_of([&] { service->apply(as_member, id); }), ErrorCode::kConflict);
}

TEST_F(GenerationServiceTest, ApplyingAProposalToAChangedDocumentIsAConflict) {
  auto doc = make_document("## Goals\n\nOld.\n");
  provider.answers.push_back("New.\n");
  auto id = finished(json::object{{"kind", "section"},
                                  {"input", json::object{{"document_id", doc},
                                                         {"section", "goals"},
                                                         {"instruction", "x"}}}},
                     as_member);
  documents.update(as_owner, doc, 1,
                   DocumentChanges{std::nullopt, "## Goals\n\nEdited.\n", std::nullopt});
  EXPECT_EQ(code_of([&] { service->apply(as_member, id); }), ErrorCode::kPreconditionFailed);
  // The failed apply did not mark it applied.
  EXPECT_FALSE(service->get(as_member, id).applied_at);
}

TEST_F(GenerationServiceTest, MalformedStoriesGetOneRepairThenAClearError) {
  auto doc = make_document("## Requirements\n\nFR-1 search.\n");
  json::object body{{"kind", "stories"}, {"input", json::object{{"document_id", doc}}}};
  provider.answers = {"not json", "[{\"title\":\"Search\"}]"};
  auto repaired = finished(body, as_member);
  auto g = service->get(as_member, repaired);
  ASSERT_EQ(g.status, "succeeded");
  EXPECT_EQ(provider.calls.load(), 2);
  EXPECT_EQ(g.tokens_in, 200);  // both calls are counted
  service->apply(as_member, repaired);
  EXPECT_EQ(added_stories, 1);

  body["cache"] = false;
  provider.answers = {"still not json", "nor this"};
  auto failed = service->get(as_member, finished(body, as_member));
  EXPECT_EQ(failed.status, "failed");
  EXPECT_EQ(failed.error_code, "invalid_output");
  EXPECT_EQ(failed.tokens_in, 200);
  EXPECT_EQ(code_of([&] { service->apply(as_member, failed.id); }), ErrorCode::kConflict);
}

TEST_F(GenerationServiceTest, RunningGenerationsPerOrganizationAreLimited) {
  provider.block_until_cancel = true;
  auto a = service->start(as_member, project, prd_body(false));
  auto b = service->start(as_member, project, prd_body(false));
  try {
    service->start(as_member, project, prd_body(false));
    FAIL() << "expected 429";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kRateLimited);
    EXPECT_TRUE(e.retry_after_seconds);
  }
  service->cancel(as_member, a.id);
  service->cancel(as_member, b.id);
}

TEST_F(GenerationServiceTest, UsageAggregatesByDayUserAndModel) {
  finished(prd_body(), as_member);
  service->start(as_owner, project, prd_body());  // cached
  service->wait_idle();
  auto report = service->usage(as_viewer, org, 0, now_unix_ms() + 1000);
  ASSERT_EQ(report.by_day.size(), 1u);
  EXPECT_EQ(report.by_day[0].generations, 2);
  EXPECT_EQ(report.by_day[0].cached, 1);
  EXPECT_EQ(report.by_day[0].tokens_in, 100);
  EXPECT_EQ(report.by_user.size(), 2u);
  ASSERT_EQ(report.by_model.size(), 1u);
  EXPECT_EQ(report.by_model[0].key, "scripted/scripted-1");
  EXPECT_EQ(report.month_spend.tokens, 150);
}

TEST_F(GenerationServiceTest, InvalidRequestsAreRejectedPerField) {
  EXPECT_EQ(code_of([&] {
              service->start(as_member, project,
                             json::object{{"kind", "poem"}, {"input", json::object{}}});
            }),
            ErrorCode::kValidationFailed);
  EXPECT_EQ(code_of([&] {
              service->start(as_member, project,
                             json::object{{"kind", "section"},
                                          {"input", json::object{{"document_id", "nope"},
                                                                 {"section", "x"},
                                                                 {"instruction", "y"}}}});
            }),
            ErrorCode::kNotFound);
  auto doc = make_document("## Goals\n\nx\n");
  EXPECT_EQ(code_of([&] {
              service->start(as_member, project,
                             json::object{{"kind", "section"},
                                          {"input", json::object{{"document_id", doc},
                                                                 {"section", "Missing"},
                                                                 {"instruction", "y"}}}});
            }),
            ErrorCode::kValidationFailed);
}

}  // namespace
}  // namespace prism::services::generations

namespace prism::services::generations {
namespace {

TEST_F(GenerationServiceTest, ARunningGenerationShowsItsOutputSoFarBeforeAnySnapshot) {
  provider.block_until_cancel = true;
  auto started = service->start(as_member, project, prd_body(false));
  std::string output;
  for (int i = 0; i < 400 && output.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    output = service->get(as_viewer, started.id).output;
  }
  EXPECT_EQ(output, "partial ");
  auto cancelled = service->cancel(as_member, started.id);
  EXPECT_EQ(cancelled.status, "cancelled");
  EXPECT_EQ(cancelled.output, "partial ");
}

}  // namespace
}  // namespace prism::services::generations
