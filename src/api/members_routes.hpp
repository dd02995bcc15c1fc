#pragma once

#include "http/router.hpp"
#include "services/invitations_service.hpp"
#include "services/members_service.hpp"
#include "services/orgs_service.hpp"

namespace prism::api {

// /api/v1/orgs/{org}/members, …/invitations, …/audit and /api/v1/invitations/{token}/accept.
void register_members_routes(http::Router& router, services::MembersService& members,
                             services::InvitationsService& invitations,
                             services::OrgsService& orgs);

}  // namespace prism::api
