#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/request_limiter.hpp"
#include "services/documents/documents_service.hpp"
#include "services/documents/html_renderer.hpp"
#include "store/database.hpp"
#include "store/document_shares_store.hpp"

namespace prism::services {

inline constexpr std::int64_t kDefaultShareHours = 24 * 7;
inline constexpr std::int64_t kMaxShareHours = 24 * 365;

// When a share link stops working: after `hours`, or at `expires_at` (Unix
// ms). Neither: kDefaultShareHours. Both: 422.
struct ShareExpiry {
  std::optional<std::int64_t> hours;
  std::optional<std::int64_t> expires_at;
};

struct CreatedShare {
  store::shares::Share share;
  std::string token;  // shown once; only its hash is stored
  std::string url;    // PUBLIC_URL/shared/<token>, the web app's page
};

// What a share link shows: the document's current title and content.
struct SharedDocument {
  std::string title;
  std::string content;
  HtmlRenderer::Html html;  // sanitized rendering of content, shared with the render cache
  std::int64_t version = 0;
  std::int64_t updated_at = 0;
  std::int64_t expires_at = 0;
};

// What guards the unauthenticated reads of share links.
struct SharedReadGuards {
  // Counts reads per client address; null: reads are not limited.
  auth::RequestLimiter* limiter = nullptr;
  // Renders each version once; null: every read renders.
  HtmlRenderer* renderer = nullptr;
};

// Read-only links to a document for people without an account.
class DocumentSharesService {
 public:
  DocumentSharesService(store::Database& db, std::string public_url, SharedReadGuards guards = {});

  CreatedShare create(const Caller& caller, std::string_view document_id,
                      const ShareExpiry& expiry);
  // Shares neither revoked nor expired, newest first.
  std::vector<store::shares::Share> list(const Caller& caller, std::string_view document_id);
  void revoke(const Caller& caller, std::string_view share_id);
  // No authentication: the token is the credential. Unknown, revoked, or
  // pointing at a deleted document: 404; expired: 410. Nothing else is said.
  // Reads past guards.limiter's limit for one client address: 429 with
  // Retry-After, whatever the token (guessing tokens counts too); no render
  // slot free in time: 503 with Retry-After.
  SharedDocument open(std::string_view token, std::string_view client_ip = {});

 private:
  store::Database& db_;
  std::string public_url_;
  SharedReadGuards guards_;
};

}  // namespace prism::services
