#include <algorithm>

#include "core/error.hpp"
#include "services/collab/reviews_service.hpp"

namespace prism::services::collab {

std::vector<std::string> parse_review_request(const json::object& body) {
  JsonReader r(body);
  auto reviewers = r.optional_string_array("reviewers", kMaxReviewers, 100);
  if (!reviewers && r.ok()) r.add_error("reviewers", "list at least one reviewer");
  if (reviewers && reviewers->empty()) r.add_error("reviewers", "list at least one reviewer");
  r.finish();
  std::vector<std::string> out;
  for (auto& id : *reviewers) {
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
  }
  return out;
}

ReviewDecision parse_review(const json::object& body) {
  JsonReader r(body);
  ReviewDecision d;
  d.decision = r.required_string("decision", 1, 20);
  if (!d.decision.empty() && d.decision != "approve" && d.decision != "request_changes") {
    r.add_error("decision", "must be approve or request_changes");
  }
  d.body = r.optional_string("body", 0, kMaxReviewBodyBytes).value_or("");
  if (d.decision == "request_changes" && d.body.find_first_not_of(" \t\r\n") == std::string::npos &&
      r.ok()) {
    r.add_error("body", "say what should change");
  }
  r.finish();
  return d;
}

}  // namespace prism::services::collab
