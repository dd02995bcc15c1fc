#include "services/audit/audit.hpp"

#include <utility>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "store/audit_store.hpp"

namespace prism::services {

namespace {

thread_local std::string t_channel;

}  // namespace

AuditChannel::AuditChannel(std::string via) : previous_(std::exchange(t_channel, std::move(via))) {}

AuditChannel::~AuditChannel() { t_channel = std::move(previous_); }

void record_audit(store::Tx& tx, const AuditEntry& entry) {
  json::object details = entry.details;
  if (!t_channel.empty()) details["via"] = t_channel;
  store::audit::insert(
      tx, store::audit::Row{new_id(), entry.org_id, entry.actor_id,
                            std::string(entry.action.code()), entry.target_type, entry.target_id,
                            json::serialize(details), entry.ip, now_unix_ms()});
}

}  // namespace prism::services
