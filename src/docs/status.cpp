#include "docs/status.hpp"

#include <array>
#include <utility>

namespace prism::docs {
namespace {

constexpr std::array<std::pair<Status, std::string_view>, 4> kNames{{
    {Status::kDraft, "draft"},
    {Status::kInReview, "in_review"},
    {Status::kApproved, "approved"},
    {Status::kArchived, "archived"},
}};

}  // namespace

std::optional<Status> parse_status(std::string_view name) {
  for (const auto& [s, n] : kNames)
    if (n == name) return s;
  return std::nullopt;
}

std::string_view status_name(Status s) {
  for (const auto& [st, n] : kNames)
    if (st == s) return n;
  return "draft";
}

std::string status_names() {
  std::string out;
  for (const auto& [s, n] : kNames) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

bool status_transition_allowed(Status from, Status to) {
  if (from == to || to == Status::kDraft) return true;
  switch (from) {
    case Status::kDraft:
      return to == Status::kInReview;
    case Status::kInReview:
      return to == Status::kApproved;
    case Status::kApproved:
      return to == Status::kArchived;
    case Status::kArchived:
      return false;
  }
  return false;
}

std::vector<Status> next_statuses(Status from) {
  std::vector<Status> out;
  for (const auto& [s, n] : kNames)
    if (s != from && status_transition_allowed(from, s)) out.push_back(s);
  return out;
}

}  // namespace prism::docs
