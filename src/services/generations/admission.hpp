#pragma once

#include <string_view>
#include <vector>

#include "ai/provider.hpp"
#include "services/generations/ai_hooks.hpp"
#include "store/database.hpp"

namespace prism::services::generations {

// The checks a generation passes before it is queued, each inside the
// caller's transaction. Those that guard shared capacity (the budget, the
// running counts) run again in the write transaction that inserts the
// generation, so parallel requests cannot all pass on the same old count.

// 403 email_not_verified unless the user has confirmed their address.
void require_verified_email(store::Tx& tx, std::string_view user_id);

// 402 budget_exceeded when what the organization used this month, plus what
// its queued and running generations hold in reserve, reaches its monthly
// budget (tokens or USD). A request is admitted while that sum is below the
// budget, so parallel ones overshoot it by at most one reservation.
void check_budget(store::Tx& tx, std::string_view org_id, std::int64_t now_ms);

// 429 with Retry-After when the organization, or the user across all of
// their organizations, already has its maximum queued or running.
void check_running(store::Tx& tx, std::string_view org_id, std::string_view user_id,
                   const GenerationLimits& limits);

// What a generation's calls may use at most, reserved of the budget at
// admission: each request's prompt (4 bytes a token) in, its output cap
// out, each counted `calls_each` times: stories count every part twice, for
// the one repair a part may need, and three times when a coverage follow-up
// may come too.
ai::Usage reservation_for(const std::vector<ai::CompletionRequest>& requests, int calls_each);

}  // namespace prism::services::generations
