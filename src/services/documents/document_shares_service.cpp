#include "services/documents/document_shares_service.hpp"

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "docs/render.hpp"
#include "services/audit/audit.hpp"
#include "services/documents/documents_rules.hpp"

namespace prism::services {

namespace {

constexpr std::int64_t kHourMs = 3600 * 1000;
constexpr std::size_t kTokenBytes = 32;

std::int64_t expiry_time(const ShareExpiry& e, std::int64_t now) {
  if (e.hours && e.expires_at) {
    throw validation_failed("expires_at", "send either expires_in_hours or expires_at, not both");
  }
  if (e.expires_at) {
    if (*e.expires_at <= now) throw validation_failed("expires_at", "must be in the future");
    if (*e.expires_at > now + kMaxShareHours * kHourMs) {
      throw validation_failed("expires_at", "must be at most 365 days from now");
    }
    return *e.expires_at;
  }
  std::int64_t hours = e.hours.value_or(kDefaultShareHours);
  if (hours < 1 || hours > kMaxShareHours) {
    throw validation_failed("expires_in_hours", "must be between 1 and 8760");
  }
  return now + hours * kHourMs;
}

// Tokens are 32 random bytes in base64url: anything else cannot be one, and
// is turned away before touching the database.
bool plausible_token(std::string_view token) {
  if (token.size() != 43) return false;
  for (char c : token) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

DocumentSharesService::DocumentSharesService(store::Database& db, std::string public_url,
                                             SharedReadGuards guards)
    : db_(db), public_url_(std::move(public_url)), guards_(guards) {
  while (!public_url_.empty() && public_url_.back() == '/') public_url_.pop_back();
}

CreatedShare DocumentSharesService::create(const Caller& caller, std::string_view document_id,
                                           const ShareExpiry& expiry) {
  std::int64_t now = now_unix_ms();
  std::int64_t expires_at = expiry_time(expiry, now);
  return db_.write([&](store::Tx& tx) {
    auto access = require_document(tx, caller.user_id, document_id, Role::kMember);
    CreatedShare out;
    out.token = crypto::random_token(kTokenBytes);
    out.url = public_url_ + "/shared/" + out.token;
    out.share = store::shares::Share{
        new_id(),       access.org_id, access.document_id, crypto::sha256_hex(out.token),
        caller.user_id, now,           expires_at,         std::nullopt};
    store::shares::insert(tx, out.share);
    record_audit(tx,
                 {access.org_id, caller.user_id, "share.created", "document", access.document_id,
                  json::object{{"share_id", out.share.id}, {"expires_at", rfc3339_ms(expires_at)}},
                  caller.ip});
    return out;
  });
}

std::vector<store::shares::Share> DocumentSharesService::list(const Caller& caller,
                                                              std::string_view document_id) {
  return db_.read([&](store::Tx& tx) {
    require_document(tx, caller.user_id, document_id, Role::kViewer);
    return store::shares::list_active(tx, document_id, now_unix_ms());
  });
}

void DocumentSharesService::revoke(const Caller& caller, std::string_view share_id) {
  db_.write([&](store::Tx& tx) {
    auto share = store::shares::find(tx, share_id);
    if (!share || share->revoked_at) throw not_found("share");
    DocumentAccess access;
    try {
      access = require_document(tx, caller.user_id, share->document_id, Role::kMember);
    } catch (const Error& e) {
      // Another tenant's share is just as absent as a missing one.
      if (e.code() == ErrorCode::kNotFound) throw not_found("share");
      throw;
    }
    store::shares::revoke(tx, share->id, now_unix_ms());
    record_audit(tx, {access.org_id, caller.user_id, "share.revoked", "document",
                      access.document_id, json::object{{"share_id", share->id}}, caller.ip});
  });
}

SharedDocument DocumentSharesService::open(std::string_view token, std::string_view client_ip) {
  if (guards_.limiter != nullptr) guards_.limiter->admit(client_ip);
  if (!plausible_token(token)) throw not_found("shared document");
  std::string hash = crypto::sha256_hex(token);
  auto [state, expires_at] = db_.read([&](store::Tx& tx) {
    auto share = store::shares::find_by_token_hash(tx, hash);
    if (!share || share->revoked_at) throw not_found("shared document");
    if (share->expires_at <= now_unix_ms()) {
      throw Error(ErrorCode::kGone, "this share link has expired");
    }
    // A deleted document, project or organization ends the link like a revocation.
    if (!store::documents::find_document(tx, share->document_id)) {
      throw not_found("shared document");
    }
    return std::pair{current_state(tx, share->document_id), share->expires_at};
  });
  // Rendered after the read transaction has ended, once per version.
  auto html = render_version(guards_.renderer, state.document.id, state.version.version,
                             state.version.content);
  return SharedDocument{state.document.title,           state.version.content,     std::move(html),
                        state.document.current_version, state.document.updated_at, expires_at};
}

}  // namespace prism::services
