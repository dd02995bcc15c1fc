#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/audit/audit_sentences.hpp"
#include "store/audit_store.hpp"
#include "store/database.hpp"

namespace prism::services {

// The filters of an organization's audit log as the client sent them
// (?actor=&action=&from=&to=); empty values filter nothing. They are
// checked only once the caller may read the log, so a stranger learns
// nothing from a 422.
struct AuditFilterInput {
  std::optional<std::string> actor;   // a user id
  std::optional<std::string> action;  // a code (member.role_changed) or a group (member)
  std::optional<std::string> from;    // YYYY-MM-DD, UTC, included
  std::optional<std::string> to;      // YYYY-MM-DD, UTC, included
};

// An audit file ready to download.
struct AuditExport {
  std::string filename;  // audit-<org slug>-<today>.csv
  std::string csv;
};

// At most this many entries go into one export; more is a 422 asking for a
// narrower filter rather than a file that silently lacks entries.
inline constexpr int kMaxAuditExportRows = 50000;

// The facts of a stored entry, for its sentence. `details` must outlive them.
AuditFacts audit_facts(const store::audit::NamedRow& entry, const json::object* details);

// An organization's audit log (admins and owners).
class AuditLogService {
 public:
  explicit AuditLogService(store::Database& db) : db_(db) {}

  // Newest first, up to `limit + 1` entries after `cursor` that pass the filters.
  std::vector<store::audit::NamedRow> list(std::string_view user_id, std::string_view org_id,
                                           const AuditFilterInput& filter,
                                           const std::optional<std::string>& cursor, int limit);
  // Every entry that passes the filters as a file of `format` ("csv": RFC
  // 4180, CRLF, UTF-8), newest first: time, action, description, actor,
  // target, IP, details. 422 for another format or too many entries.
  AuditExport export_log(std::string_view user_id, std::string_view org_id,
                         const AuditFilterInput& filter, std::string_view format);

 private:
  store::Database& db_;
};

// The filters checked and turned into the store's; 422 naming the field.
store::audit::Filter audit_filter(const AuditFilterInput& input);

}  // namespace prism::services
