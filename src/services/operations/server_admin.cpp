#include "services/operations/server_admin.hpp"

#include "auth/email_address.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "services/audit/audit.hpp"
#include "services/auth/auth_internal.hpp"

namespace prism::services::operations {

namespace users = store::users;

namespace {

// Whoever is not a server administrator (or no longer one, or disabled)
// learns nothing more than this.
void require_admin(store::Tx& tx, const AdminActor& actor) {
  if (!actor.admin) return;
  auto user = users::find_by_id(tx, actor.admin->user_id);
  if (!user || !user->is_admin || user->disabled_at) throw forbidden("server administrators only");
}

// `read` in a read transaction, once the actor is known to be an administrator.
template <typename F>
auto read_as_admin(store::Database& db, const AdminActor& actor, F&& read) {
  return db.read([&](store::Tx& tx) {
    require_admin(tx, actor);
    return read(tx);
  });
}

users::User require_user(store::Tx& tx, const UserRef& ref) {
  if (ref.by == UserRef::By::kId) {
    auto user = users::find_by_id(tx, ref.value);
    if (!user) throw not_found("user");
    return *user;
  }
  std::string normalized = auth::normalize_email(ref.value).value_or(ref.value);
  auto user = users::find_by_email(tx, normalized);
  if (!user) throw Error(ErrorCode::kNotFound, "no user with the e-mail address " + normalized);
  return *user;
}

// Through the API an administrator keeps their own access: only another
// administrator, or the command line, can take it away.
void check_not_locking_out_self(const AdminActor& actor, const users::User& target,
                                const UserChange& change) {
  if (!actor.admin || actor.admin->user_id != target.id) return;
  if (change.is_admin == false) {
    throw conflict(
        "you cannot remove your own server administrator role; another administrator can, or "
        "`prism admin revoke` on the server");
  }
  if (change.disabled == true) {
    throw conflict(
        "you cannot disable your own account; another administrator can, or `prism user "
        "disable` on the server");
  }
}

void audit(store::Tx& tx, const AdminActor& actor, const users::User& user, AuditAction action) {
  std::optional<std::string> actor_id;
  std::string ip;
  if (actor.admin) {
    actor_id = actor.admin->user_id;
    ip = actor.admin->ip;
  }
  record_audit(tx,
               {std::nullopt, std::move(actor_id), action, "user", user.id,
                json::object{{"email", user.email}, {"by", actor.admin ? "api" : "command line"}},
                std::move(ip)});
}

std::string when(std::optional<std::int64_t> ms) { return ms ? std::to_string(*ms / 1000) : "-"; }

}  // namespace

UserChange parse_user_change(const json::object& body) {
  JsonReader r(body);
  UserChange change;
  change.is_admin = r.optional_bool("is_admin");
  change.disabled = r.optional_bool("disabled");
  r.finish();
  return change;
}

users::Summary ServerAdmin::update_user(const AdminActor& actor, const UserRef& target,
                                        const UserChange& change) {
  return db_.write([&](store::Tx& tx) {
    require_admin(tx, actor);
    auto user = require_user(tx, target);
    check_not_locking_out_self(actor, user, change);
    std::int64_t now = now_unix_ms();
    if (change.is_admin && *change.is_admin != user.is_admin) {
      users::set_admin(tx, user.id, *change.is_admin, now);
      audit(tx, actor, user,
            *change.is_admin ? AuditAction("admin.granted") : AuditAction("admin.revoked"));
    }
    if (change.disabled && *change.disabled != user.disabled_at.has_value()) {
      if (*change.disabled) {
        users::set_disabled(tx, user.id, now, now);
        std::string ip = actor.admin ? actor.admin->ip : "";
        auth_detail::revoke_credentials(tx, user.id, "account_disabled", std::nullopt, false, ip,
                                        now);
      } else {
        users::set_disabled(tx, user.id, std::nullopt, now);
      }
      audit(tx, actor, user,
            *change.disabled ? AuditAction("user.disabled") : AuditAction("user.enabled"));
    }
    auto updated = users::find_summary(tx, user.id);
    if (!updated) throw not_found("user");
    return *updated;
  });
}

std::vector<users::Summary> ServerAdmin::users(const AdminActor& actor,
                                               const std::optional<std::string>& after_id,
                                               const std::optional<std::string>& search,
                                               int limit) {
  return read_as_admin(db_, actor, [&](store::Tx& tx) {
    return users::list_summaries(tx, after_id, search, limit);
  });
}

std::vector<store::orgs::OrgSummary> ServerAdmin::orgs(const AdminActor& actor,
                                                       const std::optional<std::string>& after_id,
                                                       int limit) {
  return read_as_admin(db_, actor,
                       [&](store::Tx& tx) { return store::orgs::list_all(tx, after_id, limit); });
}

std::vector<store::audit::NamedRow> ServerAdmin::audit_log(
    const AdminActor& actor, const std::optional<std::string>& before_id, int limit) {
  return read_as_admin(db_, actor, [&](store::Tx& tx) {
    return store::audit::list_without_org(tx, before_id, limit);
  });
}

StorageReport ServerAdmin::storage(const AdminActor& actor) {
  // The check first: the report counts every table, which only an
  // administrator may ask for.
  db_.read([&](store::Tx& tx) { require_admin(tx, actor); });
  return storage_report(db_, storage_, now_unix_ms());
}

std::string format_users(const std::vector<users::Summary>& list) {
  std::string out = "email\tname\tadmin\tdisabled_at\tcreated_at\n";
  for (const auto& row : list) {
    const auto& u = row.user;
    out += u.email + "\t" + u.name + "\t" + (u.is_admin ? "yes" : "no") + "\t" +
           when(u.disabled_at) + "\t" + when(u.created_at) + "\n";
  }
  return out;
}

std::string format_orgs(const std::vector<store::orgs::OrgSummary>& list) {
  std::string out = "slug\tname\tmembers\tcreated_at\tid\n";
  for (const auto& o : list) {
    out += o.slug + "\t" + o.name + "\t" + std::to_string(o.members) + "\t" + when(o.created_at) +
           "\t" + o.id + "\n";
  }
  return out;
}

}  // namespace prism::services::operations
