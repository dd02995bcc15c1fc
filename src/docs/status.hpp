#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace prism::docs {

// A document's review workflow: draft → in_review → approved → archived, and
// from any of them back to draft.
enum class Status { kDraft, kInReview, kApproved, kArchived };

std::optional<Status> parse_status(std::string_view name);
std::string_view status_name(Status s);
// "draft, in_review, approved, archived", for validation messages.
std::string status_names();

// Whether a document may move from `from` to `to`. Staying put is allowed (a
// PATCH repeating the current status changes nothing).
bool status_transition_allowed(Status from, Status to);
std::vector<Status> next_statuses(Status from);

}  // namespace prism::docs
