#include "services/generations/admission.hpp"

#include <string>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "store/generations_store.hpp"
#include "store/orgs_store.hpp"
#include "store/users_store.hpp"

namespace prism::services::generations {

namespace gens = store::generations;

namespace {

constexpr int kRetryAfterRunningSeconds = 5;

std::int64_t prompt_tokens(const ai::CompletionRequest& request) {
  std::size_t bytes = request.system.size();
  for (const auto& m : request.messages) bytes += m.content.size();
  return static_cast<std::int64_t>(bytes + 3) / 4;
}

}  // namespace

void require_verified_email(store::Tx& tx, std::string_view user_id) {
  auto user = store::users::find_by_id(tx, user_id);
  if (user && user->email_verified_at) return;
  throw Error(ErrorCode::kForbidden,
              "verify your e-mail address before using AI generation: follow the link PRISM "
              "e-mailed you when you registered")
      .with_machine_code("email_not_verified");
}

void check_budget(store::Tx& tx, std::string_view org_id, std::int64_t now_ms) {
  auto org = store::orgs::find_org(tx, org_id);
  if (!org || (!org->monthly_budget_tokens && !org->monthly_budget_usd)) return;
  Period month = month_of(now_ms);
  auto spent = gens::spend(tx, org_id, month.from_ms, month.to_ms);
  bool over =
      (org->monthly_budget_tokens &&
       spent.tokens + spent.reserved_tokens >= *org->monthly_budget_tokens) ||
      (org->monthly_budget_usd && spent.cost_usd + spent.reserved_usd >= *org->monthly_budget_usd);
  if (over) {
    throw Error(ErrorCode::kPaymentRequired,
                "the organization has used its monthly AI budget (running generations included);"
                " an admin can raise it")
        .with_machine_code("budget_exceeded");
  }
}

void check_running(store::Tx& tx, std::string_view org_id, std::string_view user_id,
                   const GenerationLimits& limits) {
  if (gens::count_running(tx, org_id) >= limits.max_running_per_org) {
    throw rate_limited("the organization already runs its maximum of generations; retry soon",
                       kRetryAfterRunningSeconds);
  }
  if (gens::count_running_for_user(tx, user_id) >= limits.max_running_per_user) {
    throw rate_limited("you already run your maximum of " +
                           std::to_string(limits.max_running_per_user) +
                           " generations at once (across your organizations); retry when one ends",
                       kRetryAfterRunningSeconds);
  }
}

ai::Usage reservation_for(const std::vector<ai::CompletionRequest>& requests, int calls_each) {
  ai::Usage usage;
  usage.estimated = true;
  for (const auto& r : requests) {
    usage.input_tokens += prompt_tokens(r);
    usage.output_tokens += r.max_tokens;
  }
  usage.input_tokens *= calls_each;
  usage.output_tokens *= calls_each;
  return usage;
}

}  // namespace prism::services::generations
