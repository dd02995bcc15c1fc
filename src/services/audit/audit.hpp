#pragma once

#include <optional>
#include <string>

#include "core/json.hpp"
#include "services/audit/audit_catalog.hpp"
#include "store/database.hpp"

namespace prism::services {

struct AuditEntry {
  std::optional<std::string> org_id;  // empty for account-level events (login)
  std::optional<std::string> actor_id;
  // e.g. "auth.login", "member.role_changed": a code of kAuditActions, or
  // the build fails.
  AuditAction action;
  std::string target_type;
  std::string target_id;
  json::object details;
  std::string ip;
};

// Records an audit event inside the caller's transaction, so the event and
// the change it describes commit together. Inside an AuditChannel its
// details carry "via" (e.g. "mcp").
void record_audit(store::Tx& tx, const AuditEntry& entry);

// Marks every audit event recorded on this thread while it lives as made
// through a channel other than the HTTP API ("mcp"), whichever service
// records it.
class AuditChannel {
 public:
  explicit AuditChannel(std::string via);
  ~AuditChannel();
  AuditChannel(const AuditChannel&) = delete;
  AuditChannel& operator=(const AuditChannel&) = delete;

 private:
  std::string previous_;
};

}  // namespace prism::services
