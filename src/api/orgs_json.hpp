#pragma once

#include "core/json.hpp"
#include "services/orgs/orgs_service.hpp"
#include "store/invitations_store.hpp"
#include "store/orgs_store.hpp"
#include "store/projects_store.hpp"

namespace prism::api {

// The JSON shapes of organizations, members, invitations and projects: ids
// as strings, times RFC 3339 UTC.
json::object org_json(const services::OrgView& view);
// {org_id, org_name, role}: what joining an organization gives the caller.
json::object membership_json(const services::OrgView& view);
json::object member_json(const store::orgs::Member& member);
json::object invitation_json(const store::invitations::Invitation& inv);
json::object project_json(const store::projects::Project& project);

// Each element mapped through `to_json`, for api::list_body.
template <typename T, typename F>
json::array json_array(const std::vector<T>& items, F&& to_json) {
  json::array out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(to_json(item));
  return out;
}

// The cursor of a list item: the value of its `field`.
inline auto cursor_field(const char* field) {
  return [field](const json::value& v) { return std::string(v.as_object().at(field).as_string()); };
}

}  // namespace prism::api
