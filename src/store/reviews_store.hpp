#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::reviews {

struct Request {
  std::string document_id;
  std::string reviewer_id;
  std::string reviewer_name;
  std::string requested_by;
  std::string requested_by_name;
  std::int64_t version = 0;
  std::int64_t created_at = 0;
};

struct Review {
  std::string id;
  std::string org_id;
  std::string document_id;
  std::string reviewer_id;
  std::string reviewer_name;
  std::string decision;  // approve | request_changes
  std::string body;
  std::int64_t version = 0;
  std::int64_t created_at = 0;
};

// Asks (or asks again, at `r.version`) a reviewer.
void upsert_request(Tx& tx, const Request& r);
std::vector<Request> requests_for_document(Tx& tx, std::string_view document_id);
void insert_review(Tx& tx, const Review& r);
// Oldest first.
std::vector<Review> reviews_for_document(Tx& tx, std::string_view document_id);
// Reviewers whose latest decision on `version` is an approval.
std::int64_t approvals_on(Tx& tx, std::string_view document_id, std::int64_t version);

}  // namespace prism::store::reviews
