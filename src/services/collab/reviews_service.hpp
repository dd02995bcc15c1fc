#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "services/caller.hpp"
#include "services/collab/notifier.hpp"
#include "store/database.hpp"
#include "store/reviews_store.hpp"

namespace prism::services::collab {

inline constexpr std::size_t kMaxReviewers = 20;
inline constexpr std::size_t kMaxReviewBodyBytes = 10000;

struct ReviewDecision {
  std::string decision;  // approve | request_changes
  std::string body;
};

// One reviewer asked, with the last decision they made (if any).
struct ReviewerState {
  store::reviews::Request request;
  std::optional<store::reviews::Review> latest;
};

struct ReviewsView {
  std::string status;
  std::int64_t current_version = 0;
  std::int64_t required_approvals = 1;
  // Whether viewers may be asked and may review (the org's viewers_can_comment).
  bool viewers_can_review = true;
  std::int64_t approvals = 0;  // on the current version
  std::string author_id;
  std::vector<ReviewerState> reviewers;
  std::vector<store::reviews::Review> reviews;  // oldest first
  // The newest version an approval was given on, for "what changed since".
  std::optional<std::int64_t> last_approved_version;
};

// Review and approval. A member asks reviewers (members of the organization,
// never the document's author; viewers only while the organization lets
// viewers comment), which moves a draft to in_review; any member but the
// author (viewers on the same condition) approves or requests changes; the
// document becomes
// approved once `required_approvals` reviewers approve its current version.
// A new version makes earlier approvals stale (DocumentsService moves an
// approved document back to in_review).
class ReviewsService {
 public:
  ReviewsService(store::Database& db, Notifier& notifier) : db_(db), notifier_(notifier) {}

  ReviewsView get(const Caller& caller, std::string_view document_id);
  // Bodies are read (parse_review_request / parse_review) once the caller's
  // access is checked.
  ReviewsView request(const Caller& caller, std::string_view document_id, const json::object& body);
  ReviewsView review(const Caller& caller, std::string_view document_id, const json::object& body);

 private:
  store::Database& db_;
  Notifier& notifier_;
};

std::vector<std::string> parse_review_request(const json::object& body);
ReviewDecision parse_review(const json::object& body);

}  // namespace prism::services::collab
