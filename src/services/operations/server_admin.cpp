#include "services/operations/server_admin.hpp"

#include "auth/email_address.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "services/audit.hpp"
#include "services/auth_internal.hpp"

namespace prism::services::operations {

namespace users = store::users;

namespace {

void audit(store::Tx& tx, const users::User& user, std::string action) {
  record_audit(tx, {std::nullopt, std::nullopt, std::move(action), "user", user.id,
                    json::object{{"email", user.email}, {"by", "command line"}}, ""});
}

std::string when(std::optional<std::int64_t> ms) { return ms ? std::to_string(*ms / 1000) : "-"; }

}  // namespace

users::User ServerAdmin::require_user(store::Tx& tx, std::string_view email) {
  std::string normalized = auth::normalize_email(email).value_or(std::string(email));
  auto user = users::find_by_email(tx, normalized);
  if (!user) throw Error(ErrorCode::kNotFound, "no user with the e-mail address " + normalized);
  return *user;
}

void ServerAdmin::grant_admin(std::string_view email) {
  db_.write([&](store::Tx& tx) {
    auto user = require_user(tx, email);
    users::set_admin(tx, user.id, true, now_unix_ms());
    audit(tx, user, "admin.granted");
  });
}

void ServerAdmin::revoke_admin(std::string_view email) {
  db_.write([&](store::Tx& tx) {
    auto user = require_user(tx, email);
    users::set_admin(tx, user.id, false, now_unix_ms());
    audit(tx, user, "admin.revoked");
  });
}

void ServerAdmin::disable_user(std::string_view email) {
  db_.write([&](store::Tx& tx) {
    auto user = require_user(tx, email);
    std::int64_t now = now_unix_ms();
    users::set_disabled(tx, user.id, now, now);
    auth_detail::revoke_credentials(tx, user.id, "account_disabled", std::nullopt, false, "", now);
    audit(tx, user, "user.disabled");
  });
}

void ServerAdmin::enable_user(std::string_view email) {
  db_.write([&](store::Tx& tx) {
    auto user = require_user(tx, email);
    users::set_disabled(tx, user.id, std::nullopt, now_unix_ms());
    audit(tx, user, "user.enabled");
  });
}

std::vector<users::User> ServerAdmin::users(int limit) {
  return db_.read([&](store::Tx& tx) { return users::list(tx, limit); });
}

std::vector<store::orgs::OrgSummary> ServerAdmin::orgs(int limit) {
  return db_.read([&](store::Tx& tx) { return store::orgs::list_all(tx, limit); });
}

std::string format_users(const std::vector<users::User>& list) {
  std::string out = "email\tname\tadmin\tdisabled_at\tcreated_at\n";
  for (const auto& u : list) {
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
