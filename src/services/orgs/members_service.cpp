#include "services/orgs/members_service.hpp"

#include "core/error.hpp"
#include "services/audit/audit.hpp"
#include "services/orgs/invitations_service.hpp"
#include "services/orgs/org_rules.hpp"

namespace prism::services {

namespace {

Role stored_role(const store::orgs::Member& member) {
  auto role = parse_role(member.role);
  if (!role) throw Error(ErrorCode::kInternal, "internal error", "unknown role in membership");
  return *role;
}

}  // namespace

std::vector<store::orgs::Member> MembersService::list(std::string_view user_id,
                                                      std::string_view org_id,
                                                      const std::optional<std::string>& cursor,
                                                      int limit) {
  return db_.read([&](store::Tx& tx) {
    require_org(tx, user_id, org_id, Role::kViewer);
    return store::orgs::list_members(tx, org_id, cursor, limit + 1);
  });
}

store::orgs::Member MembersService::change_role(const Caller& caller, std::string_view org_id,
                                                std::string_view target_user_id, Role role) {
  return db_.write([&](store::Tx& tx) {
    auto access = require_org(tx, caller.user_id, org_id, Role::kAdmin);
    auto member = store::orgs::find_member(tx, org_id, target_user_id);
    if (!member) throw not_found("member");
    Role current = stored_role(*member);
    if (current == role) return std::move(*member);
    check_role_change(access.role, current, role, store::orgs::count_owners(tx, org_id));
    store::orgs::update_member_role(tx, org_id, target_user_id, to_string(role));
    withdraw_invitations_beyond(tx, org_id, target_user_id, role, "inviter_role_changed", caller);
    record_audit(tx, AuditEntry{std::string(org_id), caller.user_id, "member.role_changed", "user",
                                std::string(target_user_id),
                                json::object{{"from", to_string(current)}, {"to", to_string(role)}},
                                caller.ip});
    member->role = to_string(role);
    return std::move(*member);
  });
}

void MembersService::remove(const Caller& caller, std::string_view org_id,
                            std::string_view target_user_id) {
  db_.write([&](store::Tx& tx) {
    auto access = require_org(tx, caller.user_id, org_id, Role::kViewer);
    bool self = caller.user_id == target_user_id;
    // Below admin a member may only leave, so the answer is 403 before the target is looked up.
    if (!self) require_role(access.role, Role::kAdmin);
    auto member = store::orgs::find_member(tx, org_id, target_user_id);
    if (!member) throw not_found("member");
    Role target = stored_role(*member);
    check_member_removal(access.role, self, target, store::orgs::count_owners(tx, org_id));
    store::orgs::delete_membership(tx, org_id, target_user_id);
    withdraw_invitations_beyond(tx, org_id, target_user_id, std::nullopt, "inviter_removed",
                                caller);
    record_audit(tx,
                 AuditEntry{std::string(org_id), caller.user_id, "member.removed", "user",
                            std::string(target_user_id),
                            json::object{{"role", to_string(target)}, {"left", self}}, caller.ip});
  });
}

}  // namespace prism::services
