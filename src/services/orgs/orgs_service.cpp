#include "services/orgs/orgs_service.hpp"

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "services/audit/audit.hpp"
#include "services/orgs/org_rules.hpp"

namespace prism::services {

namespace {

// After this many numbered candidates a random suffix is used instead, so a
// popular name never costs more than a few lookups.
constexpr int kNumberedSlugAttempts = 20;

std::string unique_slug(store::Tx& tx, const std::string& base) {
  if (!store::orgs::slug_taken(tx, base)) return base;
  for (int n = 2; n < kNumberedSlugAttempts + 2; ++n) {
    std::string candidate = slug_with_suffix(base, n);
    if (!store::orgs::slug_taken(tx, candidate)) return candidate;
  }
  for (;;) {
    std::string hex = crypto::hex(crypto::random_bytes(3));
    std::string candidate = std::string(base.substr(0, kMaxSlugLength - hex.size() - 1));
    while (!candidate.empty() && candidate.back() == '-') candidate.pop_back();
    candidate += "-" + hex;
    if (!store::orgs::slug_taken(tx, candidate)) return candidate;
  }
}

const char* const kSlugTaken = "the slug is already taken by another organization";

}  // namespace

store::orgs::Org create_org_in_tx(store::Tx& tx, const Caller& caller, const CreateOrgInput& input,
                                  const OrgDefaults& defaults) {
  std::string name = checked_name("name", input.name);
  std::string slug;
  if (input.slug) {
    if (!is_valid_slug(*input.slug)) {
      throw validation_failed("slug", std::string(kSlugRule));
    }
    if (store::orgs::slug_taken(tx, *input.slug)) throw conflict(kSlugTaken);
    slug = *input.slug;
  } else {
    slug = unique_slug(tx, slug_base_from_name(name));
  }
  std::int64_t now = now_unix_ms();
  store::orgs::Org org{
      new_id(), name, slug, defaults.monthly_budget_tokens, defaults.monthly_budget_usd, now, now};
  try {
    store::orgs::insert_org(tx, org);
  } catch (const store::ConstraintError&) {
    throw conflict(kSlugTaken);
  }
  store::orgs::insert_membership(tx, org.id, caller.user_id, to_string(Role::kOwner), now);
  record_audit(tx, AuditEntry{org.id, caller.user_id, "org.created", "organization", org.id,
                              json::object{{"name", org.name}, {"slug", org.slug}}, caller.ip});
  return org;
}

OrgView OrgsService::create(const Caller& caller, const CreateOrgInput& input) {
  auto org =
      db_.write([&](store::Tx& tx) { return create_org_in_tx(tx, caller, input, defaults_); });
  return OrgView{std::move(org), Role::kOwner};
}

std::vector<OrgView> OrgsService::list_mine(std::string_view user_id,
                                            const std::optional<std::string>& cursor, int limit) {
  auto rows = db_.read(
      [&](store::Tx& tx) { return store::orgs::list_for_user(tx, user_id, cursor, limit + 1); });
  std::vector<OrgView> out;
  for (auto& row : rows) {
    auto role = parse_role(row.role);
    if (!role) throw Error(ErrorCode::kInternal, "internal error", "unknown role in membership");
    out.push_back(OrgView{std::move(row.org), *role});
  }
  return out;
}

OrgView OrgsService::get(std::string_view user_id, std::string_view org_id) {
  return db_.read([&](store::Tx& tx) {
    auto access = require_org(tx, user_id, org_id, Role::kViewer);
    auto org = store::orgs::find_org(tx, org_id);
    if (!org) throw not_found("organization");
    return OrgView{std::move(*org), access.role};
  });
}

OrgView OrgsService::update(const Caller& caller, std::string_view org_id,
                            const UpdateOrgInput& input) {
  return db_.write([&](store::Tx& tx) {
    auto access = require_org(tx, caller.user_id, org_id, Role::kAdmin);
    auto org = store::orgs::find_org(tx, org_id);
    if (!org) throw not_found("organization");
    json::object changes;
    if (input.name && *input.name != org->name) {
      changes["name"] = json::object{{"from", org->name}, {"to", *input.name}};
      org->name = *input.name;
    }
    if (input.set_budget_tokens && input.monthly_budget_tokens != org->monthly_budget_tokens) {
      changes["monthly_budget_tokens"] = input.monthly_budget_tokens
                                             ? json::value(*input.monthly_budget_tokens)
                                             : json::value(nullptr);
      org->monthly_budget_tokens = input.monthly_budget_tokens;
    }
    if (input.set_budget_usd && input.monthly_budget_usd != org->monthly_budget_usd) {
      changes["monthly_budget_usd"] =
          input.monthly_budget_usd ? json::value(*input.monthly_budget_usd) : json::value(nullptr);
      org->monthly_budget_usd = input.monthly_budget_usd;
    }
    if (input.required_approvals && *input.required_approvals != org->required_approvals) {
      changes["required_approvals"] =
          json::object{{"from", org->required_approvals}, {"to", *input.required_approvals}};
      org->required_approvals = *input.required_approvals;
    }
    if (input.viewers_can_comment && *input.viewers_can_comment != org->viewers_can_comment) {
      changes["viewers_can_comment"] =
          json::object{{"from", org->viewers_can_comment}, {"to", *input.viewers_can_comment}};
      org->viewers_can_comment = *input.viewers_can_comment;
    }
    if (!changes.empty()) {
      org->updated_at = now_unix_ms();
      store::orgs::update_org(tx, *org);
      record_audit(tx, AuditEntry{org->id, caller.user_id, "org.updated", "organization", org->id,
                                  std::move(changes), caller.ip});
    }
    return OrgView{std::move(*org), access.role};
  });
}

void OrgsService::remove(const Caller& caller, std::string_view org_id) {
  db_.write([&](store::Tx& tx) {
    require_org(tx, caller.user_id, org_id, Role::kOwner);
    store::orgs::soft_delete_org(tx, org_id, now_unix_ms());
    record_audit(tx, AuditEntry{std::string(org_id),
                                caller.user_id,
                                "org.deleted",
                                "organization",
                                std::string(org_id),
                                {},
                                caller.ip});
  });
}

}  // namespace prism::services
