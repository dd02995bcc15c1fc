// What keeps one account from taking more than its share of AI generation
// (issue 11, findings 4, 5 and 6): the per-user cap across organizations,
// the budget reserved at admission, a verified e-mail where SMTP is
// configured, and the default budget of new organizations. Each test runs
// its own server against the fake OpenAI server.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/api_helpers.hpp"
#include "support/fake_llm_server.hpp"
#include "support/http_client.hpp"
#include "support/org_helpers.hpp"
#include "support/server_process.hpp"
#include "support/smtp_sink.hpp"
#include "support/email_confirmation.hpp"

namespace prism::testing {
namespace {

namespace json = boost::json;

json::object prd_body(const std::string& product, int max_tokens = 0) {
  json::object body{
      {"kind", "prd"},
      {"input", json::object{{"product_name", product}, {"description", "A tool for teams"}}},
      {"cache", false}};
  if (max_tokens > 0) body["max_tokens"] = max_tokens;
  return body;
}

EnvVars llm_env(const FakeLlmServer& llm, EnvVars extra = {}) {
  EnvVars env{{"AI_DEFAULT_PROVIDER", "openai"},
              {"OPENAI_BASE_URL", llm.openai_base_url()},
              {"OPENAI_API_KEY", "sk-test-openai-0123456789"},
              {"OPENAI_MODEL", "gpt-4o-mini"},
              {"AI_MAX_RETRIES", "0"}};
  for (auto& kv : extra) env.push_back(kv);
  return env;
}

std::string project_in(HttpClient& c, const std::string& org_id, const std::string& key) {
  return create_project(c, org_id, "Project " + key, key);
}

std::string generations_of(const std::string& project) {
  return "/api/v1/projects/" + project + "/generations";
}

// Polls until no generation of the project is queued or running.
void wait_all_ended(HttpClient& c, const std::string& project) {
  for (int i = 0; i < 400; ++i) {
    auto r = c.get(generations_of(project));
    bool busy = false;
    for (const auto& g : r.json().at("items").as_array()) {
      std::string status = str(g, "status");
      busy = busy || status == "queued" || status == "running";
    }
    if (!busy) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ADD_FAILURE() << "generations of " << project << " did not end";
}

// Finding 4: one account made three organizations and ran three generations
// in each, filling every AI worker. The per-user cap counts across all of
// the user's organizations, so the fourth is refused and another tenant's
// generation still gets a worker at once.
TEST(GenerationLimits, OneUserCannotFillTheWorkersThroughSeveralOrganizations) {
  FakeLlmServer llm;
  FakeReply stalled;
  stalled.stall = true;
  llm.set_default(stalled);
  ServerProcess server(llm_env(llm));

  HttpClient attacker(server.base_url());
  TestUser a = register_user(attacker, "attacker", "Attack 1");
  std::vector<std::string> projects{project_in(attacker, a.org_id, "ATK")};
  for (int i = 2; i <= 3; ++i) {
    auto org = attacker.post("/api/v1/orgs", json::object{{"name", "Attack " + std::to_string(i)}});
    expect_status(org, 201, "create organization");
    projects.push_back(project_in(attacker, str(org.json(), "id"), "ATK"));
  }
  int accepted = 0;
  for (const auto& project : projects) {
    for (int i = 0; i < 3; ++i) {
      auto r = attacker.post(generations_of(project), prd_body("Flood " + std::to_string(i)));
      if (r.status == 202) {
        ++accepted;
        continue;
      }
      expect_error(r, 429, "rate_limited");
      EXPECT_FALSE(r.header("retry-after").empty()) << "a 429 must say when to retry";
      EXPECT_NE(r.body.find("you already run"), std::string::npos) << r.body;
    }
  }
  EXPECT_EQ(accepted, 3) << "the default AI_MAX_CONCURRENT_PER_USER is 3, across organizations";
  ASSERT_TRUE(llm.wait_for_calls(accepted, std::chrono::seconds(10)));

  // Another tenant is not starved: its generation reaches the provider.
  HttpClient victim(server.base_url());
  TestUser v = register_user(victim, "victim", "Victim Org");
  std::string victim_project = project_in(victim, v.org_id, "VIC");
  auto started = victim.post(generations_of(victim_project), prd_body("Victim"));
  ASSERT_EQ(started.status, 202) << started.body;
  EXPECT_TRUE(llm.wait_for_calls(accepted + 1, std::chrono::seconds(10)))
      << "the other tenant's generation must run while the attacker's are running";

  llm.release();
  for (const auto& project : projects) wait_all_ended(attacker, project);
  // Once the attacker's generations ended, the attacker may start again.
  EXPECT_EQ(attacker.post(generations_of(projects[0]), prd_body("Again")).status, 202);
  wait_all_ended(attacker, projects[0]);
}

// Finding 4: waiting generations are taken by organization in turn. With
// one worker busy on organization A's first generation and two more of A's
// waiting, organization B's single generation is the next to run, not the
// last.
TEST(GenerationLimits, AFreedWorkerTakesTheNextOrganizationsGeneration) {
  FakeLlmServer llm;
  FakeReply stalled;
  stalled.stall = true;
  llm.set_default(stalled);
  ServerProcess server(llm_env(llm, {{"AI_WORKER_THREADS", "1"}}));
  HttpClient a(server.base_url());
  TestUser ua = register_user(a, "turns-a", "Org A");
  std::string project_a = project_in(a, ua.org_id, "AAA");
  HttpClient b(server.base_url());
  TestUser ub = register_user(b, "turns-b", "Org B");
  std::string project_b = project_in(b, ub.org_id, "BBB");

  ASSERT_EQ(a.post(generations_of(project_a), prd_body("A-first")).status, 202);
  ASSERT_TRUE(llm.wait_for_calls(1, std::chrono::seconds(10)));
  ASSERT_EQ(a.post(generations_of(project_a), prd_body("A-second")).status, 202);
  ASSERT_EQ(a.post(generations_of(project_a), prd_body("A-third")).status, 202);
  ASSERT_EQ(b.post(generations_of(project_b), prd_body("B-only")).status, 202);
  llm.release();
  ASSERT_TRUE(llm.wait_for_calls(4, std::chrono::seconds(20)));
  std::vector<std::string> order;
  for (const auto& r : llm.requests()) {
    for (const char* name : {"A-first", "A-second", "A-third", "B-only"}) {
      if (r.body.find(name) != std::string::npos) order.emplace_back(name);
    }
  }
  EXPECT_EQ(order, (std::vector<std::string>{"A-first", "B-only", "A-second", "A-third"}));
  wait_all_ended(a, project_a);
  wait_all_ended(b, project_b);
}

// Finding 6: eight parallel generations against a 1,000-token budget. Each
// reserves its estimate (prompt plus output cap) in the same transaction
// that checks the budget, so only as many start as the budget holds (the
// last one may pass it by its own estimate), the rest get 402, and what
// they really used stays within the budget plus one estimate.
TEST(GenerationLimits, ParallelStartsReserveTheBudgetAndOvershootByAtMostOneEstimate) {
  FakeLlmServer llm;
  FakeReply reply;
  reply.stall = true;
  reply.input_tokens = 120;
  reply.output_tokens = 180;  // 300 a generation, below its estimate
  llm.set_default(reply);
  ServerProcess server(
      llm_env(llm, {{"AI_MAX_CONCURRENT_PER_ORG", "20"}, {"AI_MAX_CONCURRENT_PER_USER", "20"}}));
  HttpClient owner(server.base_url());
  TestUser u = register_user(owner, "budget", "Budget Org");
  const std::int64_t budget = 1000;
  expect_status(
      owner.patch("/api/v1/orgs/" + u.org_id, json::object{{"monthly_budget_tokens", budget}}), 200,
      "set the budget");
  std::string project = project_in(owner, u.org_id, "BUD");

  constexpr int kParallel = 8;
  std::mutex mu;
  std::vector<std::string> accepted;
  std::vector<long> statuses;
  std::vector<std::string> codes;
  std::vector<std::thread> threads;
  std::atomic<int> ready{0};
  for (int i = 0; i < kParallel; ++i) {
    threads.emplace_back([&, i] {
      HttpClient c(server.base_url());
      c.set_bearer(u.access_token);
      ready.fetch_add(1);
      while (ready.load() < kParallel) std::this_thread::yield();
      auto r = c.post(generations_of(project), prd_body("Parallel " + std::to_string(i), 200));
      std::lock_guard lock(mu);
      statuses.push_back(r.status);
      if (r.status == 202)
        accepted.push_back(str(r.json(), "id"));
      else
        codes.push_back(str(r.json(), "code"));
    });
  }
  for (auto& t : threads) t.join();
  for (long s : statuses) EXPECT_TRUE(s == 202 || s == 402) << s;
  for (const auto& c : codes) EXPECT_EQ(c, "budget_exceeded");
  ASSERT_GE(accepted.size(), 1u);
  EXPECT_LT(accepted.size(), static_cast<std::size_t>(kParallel));

  // The reservations are visible while the generations run.
  std::int64_t reserved = 0, largest = 0;
  for (const auto& id : accepted) {
    auto g = owner.get("/api/v1/generations/" + id);
    ASSERT_EQ(g.status, 200) << g.body;
    ASSERT_TRUE(g.json().as_object().contains("tokens_reserved")) << g.body;
    std::int64_t estimate = g.json().at("tokens_reserved").as_int64();
    EXPECT_GT(estimate, 200) << "the estimate covers the prompt and the output cap";
    reserved += estimate;
    largest = std::max(largest, estimate);
  }
  EXPECT_LT(reserved - largest, budget) << "all but the last admitted fit the budget";
  auto usage = owner.get("/api/v1/orgs/" + u.org_id + "/usage");
  ASSERT_EQ(usage.status, 200) << usage.body;
  EXPECT_EQ(usage.json().at("budget").at("month_tokens_reserved").as_int64(), reserved);

  llm.release();
  wait_all_ended(owner, project);
  auto after = owner.get("/api/v1/orgs/" + u.org_id + "/usage");
  const auto& b = after.json().at("budget");
  std::int64_t used = b.at("month_tokens_used").as_int64();
  EXPECT_EQ(used, static_cast<std::int64_t>(accepted.size()) * 300);
  EXPECT_LE(used, budget + largest);
  EXPECT_EQ(b.at("month_tokens_reserved").as_int64(), 0) << "ended generations hold nothing";
}

// Finding 6: a generation that fails gives its reservation back, so the
// budget it held is free again for the next one.
TEST(GenerationLimits, AFailedGenerationReleasesItsReservation) {
  FakeLlmServer llm;
  FakeReply failure;
  failure.status = 500;
  llm.push(failure);
  ServerProcess server(llm_env(llm));
  HttpClient owner(server.base_url());
  TestUser u = register_user(owner, "release", "Release Org");
  expect_status(
      owner.patch("/api/v1/orgs/" + u.org_id, json::object{{"monthly_budget_tokens", 100000}}), 200,
      "set the budget");
  std::string project = project_in(owner, u.org_id, "REL");
  auto r = owner.post(generations_of(project), prd_body("Fails"));
  ASSERT_EQ(r.status, 202) << r.body;
  wait_all_ended(owner, project);
  auto g = owner.get("/api/v1/generations/" + str(r.json(), "id"));
  EXPECT_EQ(str(g.json(), "status"), "failed") << g.body;
  auto usage = owner.get("/api/v1/orgs/" + u.org_id + "/usage");
  EXPECT_EQ(usage.json().at("budget").at("month_tokens_reserved").as_int64(), 0) << usage.body;
}

// Finding 5: where SMTP is configured, an account must confirm its e-mail
// address before it spends AI budget; the refusal says what to do.
TEST(GenerationLimits, WithSmtpConfiguredGeneratingNeedsAVerifiedEmail) {
  SmtpSink sink;
  ServerProcess server(EnvVars{{"SMTP_URL", sink.url()}});
  HttpClient c(server.base_url());
  TestUser u = register_user(c, "unverified", "Unverified Org");
  std::string project = project_in(c, u.org_id, "UNV");
  auto refused = c.post(generations_of(project), prd_body("Unverified"));
  expect_error(refused, 403, "email_not_verified");
  EXPECT_NE(refused.body.find("verify"), std::string::npos) << refused.body;
  EXPECT_TRUE(c.get(generations_of(project)).json().at("items").as_array().empty());

  confirm_email(c, sink, u.email);
  EXPECT_EQ(c.post(generations_of(project), prd_body("Verified")).status, 202);
  wait_all_ended(c, project);
}

TEST(GenerationLimits, WithoutSmtpAnUnverifiedAccountMayGenerate) {
  ServerProcess server;
  HttpClient c(server.base_url());
  TestUser u = register_user(c, "no-smtp", "No SMTP Org");
  std::string project = project_in(c, u.org_id, "NOS");
  EXPECT_EQ(c.post(generations_of(project), prd_body("No SMTP")).status, 202);
  wait_all_ended(c, project);
}

// Finding 5: new organizations, the one registration makes and those made
// later, start with the configured monthly budget.
TEST(GenerationLimits, NewOrganizationsGetTheDefaultBudget) {
  ServerProcess server(
      EnvVars{{"AI_DEFAULT_ORG_BUDGET_TOKENS", "50000"}, {"AI_DEFAULT_ORG_BUDGET_USD", "2.5"}});
  HttpClient c(server.base_url());
  TestUser u = register_user(c, "defaults", "Registered Org");
  auto registered = c.get("/api/v1/orgs/" + u.org_id);
  ASSERT_EQ(registered.status, 200) << registered.body;
  EXPECT_EQ(registered.json().at("monthly_budget_tokens").as_int64(), 50000) << registered.body;
  EXPECT_DOUBLE_EQ(registered.json().at("monthly_budget_usd").to_number<double>(), 2.5);
  auto created = c.post("/api/v1/orgs", json::object{{"name", "Second Org"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json().at("monthly_budget_tokens").as_int64(), 50000) << created.body;
  EXPECT_DOUBLE_EQ(created.json().at("monthly_budget_usd").to_number<double>(), 2.5);
  // An admin may still lift it.
  auto lifted = c.patch("/api/v1/orgs/" + u.org_id, json::object{{"monthly_budget_tokens", nullptr},
                                                                 {"monthly_budget_usd", nullptr}});
  ASSERT_EQ(lifted.status, 200) << lifted.body;
  EXPECT_TRUE(lifted.json().at("monthly_budget_tokens").is_null());
}

TEST(GenerationLimits, WithoutADefaultNewOrganizationsHaveNoBudget) {
  ServerProcess server;
  HttpClient c(server.base_url());
  TestUser u = register_user(c, "no-default", "Plain Org");
  auto org = c.get("/api/v1/orgs/" + u.org_id);
  EXPECT_TRUE(org.json().at("monthly_budget_tokens").is_null()) << org.body;
  EXPECT_TRUE(org.json().at("monthly_budget_usd").is_null()) << org.body;
}

}  // namespace
}  // namespace prism::testing
