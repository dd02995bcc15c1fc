#pragma once

#include <optional>
#include <string>

#include "core/json.hpp"
#include "store/database.hpp"

namespace prism::services {

struct AuditEntry {
  std::optional<std::string> org_id;  // empty for account-level events (login)
  std::optional<std::string> actor_id;
  std::string action;  // e.g. "auth.login", "member.role_changed", "document.status_changed"
  std::string target_type;
  std::string target_id;
  json::object details;
  std::string ip;
};

// Records an audit event inside the caller's transaction, so the event and
// the change it describes commit together.
void record_audit(store::Tx& tx, const AuditEntry& entry);

}  // namespace prism::services
