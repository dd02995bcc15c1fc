// Budget reservations (issue 11, finding 6): admission reserves a
// generation's estimate in the transaction that checks the budget, and
// every way a generation ends gives the reservation back.
#include <gtest/gtest.h>

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/error_testing.hpp"
#include "services/generations/generation_service_fixture.hpp"
#include "store/generations_store.hpp"
#include "store/orgs_store.hpp"

namespace prism::services::generations {
namespace {

using service_testing::GenerationServiceTest;

// A provider whose every call fails as an unreachable API would.
class FailingProvider : public service_testing::ScriptedProvider {
 public:
  ai::CompletionResult stream(const ai::CompletionRequest&,
                              const std::function<void(std::string_view)>&,
                              const ai::CancelToken&) override {
    throw ai::ProviderError(ai::ProviderError::Kind::kUnavailable, name(), "upstream is down");
  }
};

class GenerationBudgetTest : public GenerationServiceTest {
 protected:
  store::generations::Spend month_spend() {
    Period month = month_of(now_unix_ms());
    return tdb.db().read([&](store::Tx& tx) {
      return store::generations::spend(tx, org, month.from_ms, month.to_ms);
    });
  }
  void set_budget(std::optional<std::int64_t> tokens, std::optional<double> usd = std::nullopt) {
    tdb.db().write([&](store::Tx& tx) {
      auto o = *store::orgs::find_org(tx, org);
      o.monthly_budget_tokens = tokens;
      o.monthly_budget_usd = usd;
      store::orgs::update_org(tx, o);
    });
  }
  void wait_running(const std::string& id) {
    while (service->get(as_member, id).status != "running") {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
};

TEST_F(GenerationBudgetTest, ARunningGenerationHoldsItsEstimateUntilCancelled) {
  provider.block_until_cancel = true;
  auto started = service->start(as_member, project, prd_body(false));
  wait_running(started.id);
  auto row = service->get(as_member, started.id);
  EXPECT_GT(row.tokens_reserved, 4096) << "prompt plus the output cap";
  EXPECT_GT(row.cost_reserved_usd, 0);
  EXPECT_EQ(month_spend().reserved_tokens, row.tokens_reserved);
  EXPECT_DOUBLE_EQ(month_spend().reserved_usd, row.cost_reserved_usd);

  service->cancel(as_member, started.id);
  service->wait_idle();
  EXPECT_EQ(month_spend().reserved_tokens, 0);
  EXPECT_EQ(month_spend().reserved_usd, 0);
}

TEST_F(GenerationBudgetTest, AQueuedGenerationCancelledBeforeItRunsReleasesItsReservation) {
  // One worker: the first generation holds it, the second waits queued.
  GenerationLimits limits;
  limits.worker_threads = 1;
  AiHooks hooks;
  hooks.find_provider = [this](std::string_view, std::string_view) { return borrow(provider); };
  hooks.build_requests = [](const PromptContext&) {
    ai::CompletionRequest r;
    r.system = "system";
    r.messages.push_back({"user", "write"});
    r.max_tokens = 1000;
    return std::vector<ai::CompletionRequest>{r};
  };
  GenerationService one_worker(tdb.db(), cache, documents, hooks, limits);
  provider.block_until_cancel = true;
  auto first = one_worker.start(as_member, project, prd_body(false));
  auto second = one_worker.start(as_owner, project, prd_body(false));
  EXPECT_EQ(one_worker.get(as_owner, second.id).status, "queued");
  EXPECT_EQ(month_spend().reserved_tokens, 2 * (1000 + 3));

  EXPECT_EQ(one_worker.cancel(as_owner, second.id).status, "cancelled");
  EXPECT_EQ(month_spend().reserved_tokens, 1000 + 3);
  one_worker.cancel(as_member, first.id);
  one_worker.wait_idle();
  EXPECT_EQ(month_spend().reserved_tokens, 0);
}

TEST_F(GenerationBudgetTest, AFailedGenerationReleasesItsReservation) {
  FailingProvider failing;
  AiHooks hooks;
  hooks.find_provider = [&](std::string_view, std::string_view) { return borrow(failing); };
  hooks.build_requests = [](const PromptContext&) {
    return std::vector<ai::CompletionRequest>{ai::CompletionRequest{}};
  };
  GenerationService failing_service(tdb.db(), cache, documents, hooks, GenerationLimits{});
  auto started = failing_service.start(as_member, project, prd_body(false));
  failing_service.wait_idle();
  auto row = failing_service.get(as_member, started.id);
  EXPECT_EQ(row.status, "failed");
  EXPECT_GT(row.tokens_reserved, 0) << "the estimate stays on the row as a record";
  EXPECT_EQ(month_spend().reserved_tokens, 0);
}

TEST_F(GenerationBudgetTest, GenerationsARestartInterruptedReleaseTheirReservations) {
  provider.block_until_cancel = true;
  auto started = service->start(as_member, project, prd_body(false));
  wait_running(started.id);
  EXPECT_GT(month_spend().reserved_tokens, 0);
  // As if this process had died with the generation running: the next
  // one's start-up marks it interrupted, which ends its reservation. (The
  // fixture's service cancels its own call when it is destroyed.)
  GenerationService next_process(tdb.db(), cache, documents, AiHooks{}, GenerationLimits{});
  EXPECT_EQ(month_spend().reserved_tokens, 0);
  EXPECT_EQ(next_process.get(as_member, started.id).error_code, "interrupted");
}

TEST_F(GenerationBudgetTest, ReservationsCountAgainstTheBudgetBeforeAnythingIsSpent) {
  provider.block_until_cancel = true;
  auto first = service->start(as_member, project, prd_body(false));
  std::int64_t estimate = service->get(as_member, first.id).tokens_reserved;
  // Nothing is spent yet; the first generation's reservation leaves room
  // for one more start, whose reservation then fills the budget.
  set_budget(estimate + 1);
  auto second = service->start(as_owner, project, prd_body(false));
  EXPECT_EQ(code_of([&] { service->start(as_owner, project, prd_body(false)); }),
            ErrorCode::kPaymentRequired);
  EXPECT_EQ(month_spend().tokens, 0);
  service->cancel(as_member, first.id);
  service->cancel(as_owner, second.id);
  service->wait_idle();
  // Cancelled before the provider answered: nothing used, nothing held.
  EXPECT_EQ(month_spend().reserved_tokens, 0);
}

TEST_F(GenerationBudgetTest, ACachedAnswerReservesNothing) {
  finished(prd_body(), as_member);
  set_budget(1000000);
  auto hit = service->start(as_owner, project, prd_body());
  EXPECT_TRUE(hit.cached);
  EXPECT_EQ(service->get(as_owner, hit.id).tokens_reserved, 0);
  service->wait_idle();
}

TEST_F(GenerationBudgetTest, AUsdBudgetCountsReservedCost) {
  provider.block_until_cancel = true;
  auto first = service->start(as_member, project, prd_body(false));
  double reserved = service->get(as_member, first.id).cost_reserved_usd;
  ASSERT_GT(reserved, 0);
  set_budget(std::nullopt, reserved);
  EXPECT_EQ(code_of([&] { service->start(as_owner, project, prd_body(false)); }),
            ErrorCode::kPaymentRequired);
  service->cancel(as_member, first.id);
}

}  // namespace
}  // namespace prism::services::generations
