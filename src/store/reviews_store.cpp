#include "store/reviews_store.hpp"

namespace prism::store::reviews {

namespace {

std::string s(std::string_view v) { return std::string(v); }

}  // namespace

constexpr std::string_view kUpsertRequest =
    "INSERT INTO review_requests (document_id, reviewer_id, requested_by, version, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (document_id, reviewer_id) DO UPDATE SET"
    " requested_by = excluded.requested_by, version = excluded.version,"
    " created_at = excluded.created_at";

void upsert_request(Tx& tx, const Request& r) {
  tx.exec(kUpsertRequest, {r.document_id, r.reviewer_id, r.requested_by, r.version, r.created_at});
}

constexpr std::string_view kRequests =
    "SELECT r.document_id, r.reviewer_id, u.name, r.requested_by, b.name, r.version, r.created_at"
    " FROM review_requests r JOIN users u ON u.id = r.reviewer_id"
    " JOIN users b ON b.id = r.requested_by WHERE r.document_id = ?1"
    " ORDER BY r.created_at, r.reviewer_id";

std::vector<Request> requests_for_document(Tx& tx, std::string_view document_id) {
  std::vector<Request> out;
  for (auto& r : tx.query(kRequests, {s(document_id)})) {
    out.push_back(Request{r.take_str(0), r.take_str(1), r.take_str(2), r.take_str(3), r.take_str(4),
                          r.i64(5), r.i64(6)});
  }
  return out;
}

constexpr std::string_view kInsertReview =
    "INSERT INTO reviews (id, org_id, document_id, reviewer_id, decision, body, version,"
    " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

void insert_review(Tx& tx, const Review& r) {
  tx.exec(kInsertReview, {r.id, r.org_id, r.document_id, r.reviewer_id, r.decision, r.body,
                          r.version, r.created_at});
}

constexpr std::string_view kReviews =
    "SELECT r.id, r.org_id, r.document_id, r.reviewer_id, u.name, r.decision, r.body, r.version,"
    " r.created_at FROM reviews r JOIN users u ON u.id = r.reviewer_id WHERE r.document_id = ?1"
    " ORDER BY r.id";

std::vector<Review> reviews_for_document(Tx& tx, std::string_view document_id) {
  std::vector<Review> out;
  for (auto& r : tx.query(kReviews, {s(document_id)})) {
    out.push_back(Review{r.take_str(0), r.take_str(1), r.take_str(2), r.take_str(3), r.take_str(4),
                         r.take_str(5), r.take_str(6), r.i64(7), r.i64(8)});
  }
  return out;
}

// The latest decision of each reviewer on the version (ids are UUIDv7:
// the greatest is the latest).
constexpr std::string_view kApprovals =
    "SELECT COUNT(*) FROM reviews r WHERE r.document_id = ?1 AND r.version = ?2"
    " AND r.decision = 'approve' AND r.id = (SELECT MAX(l.id) FROM reviews l"
    " WHERE l.document_id = r.document_id AND l.reviewer_id = r.reviewer_id AND l.version = ?2)";

std::int64_t approvals_on(Tx& tx, std::string_view document_id, std::int64_t version) {
  auto row = tx.query_one(kApprovals, {s(document_id), version});
  return row ? row->i64(0) : 0;
}

}  // namespace prism::store::reviews
