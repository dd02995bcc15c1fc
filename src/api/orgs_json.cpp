#include "api/orgs_json.hpp"

#include "core/clock.hpp"

namespace prism::api {

namespace {

json::value opt_json(const std::optional<std::int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value opt_json(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

}  // namespace

json::object org_json(const services::OrgView& view) {
  const auto& o = view.org;
  return json::object{{"id", o.id},
                      {"name", o.name},
                      {"slug", o.slug},
                      {"role", services::to_string(view.role)},
                      {"monthly_budget_tokens", opt_json(o.monthly_budget_tokens)},
                      {"monthly_budget_usd", opt_json(o.monthly_budget_usd)},
                      {"required_approvals", o.required_approvals},
                      {"viewers_can_comment", o.viewers_can_comment},
                      {"created_at", rfc3339_ms(o.created_at)},
                      {"updated_at", rfc3339_ms(o.updated_at)}};
}

json::object membership_json(const services::OrgView& view) {
  return json::object{{"org_id", view.org.id},
                      {"org_name", view.org.name},
                      {"role", services::to_string(view.role)}};
}

json::object member_json(const store::orgs::Member& m) {
  return json::object{{"user_id", m.user_id},
                      {"name", m.name},
                      {"email", m.email},
                      {"role", m.role},
                      {"joined_at", rfc3339_ms(m.joined_at)}};
}

json::object invitation_json(const store::invitations::Invitation& inv) {
  return json::object{{"id", inv.id},
                      {"org_id", inv.org_id},
                      {"email", inv.email},
                      {"role", inv.role},
                      {"invited_by", inv.invited_by},
                      {"created_at", rfc3339_ms(inv.created_at)},
                      {"expires_at", rfc3339_ms(inv.expires_at)}};
}

json::object project_json(const store::projects::Project& p) {
  return json::object{{"id", p.id},
                      {"org_id", p.org_id},
                      {"name", p.name},
                      {"key", p.key},
                      {"description", p.description},
                      {"created_by", p.created_by},
                      {"created_at", rfc3339_ms(p.created_at)},
                      {"updated_at", rfc3339_ms(p.updated_at)}};
}

}  // namespace prism::api
