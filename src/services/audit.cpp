#include "services/audit.hpp"

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "store/audit_store.hpp"

namespace prism::services {

void record_audit(store::Tx& tx, const AuditEntry& entry) {
  store::audit::insert(tx, store::audit::Row{new_id(), entry.org_id, entry.actor_id, entry.action,
                                              entry.target_type, entry.target_id,
                                              json::serialize(entry.details), entry.ip,
                                              now_unix_ms()});
}

}  // namespace prism::services
