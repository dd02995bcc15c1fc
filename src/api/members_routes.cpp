#include "api/members_routes.hpp"

#include "api/caller.hpp"
#include "api/common.hpp"
#include "api/orgs_json.hpp"
#include "core/clock.hpp"

namespace prism::api {

void register_members_routes(http::Router& router, services::MembersService& members,
                             services::InvitationsService& invitations) {
  using verb = http::beast_http::verb;
  using http::Request;
  using http::Response;

  router.add(verb::get, "/api/v1/orgs/{org}/members", [&members](Request& req) {
    Page page = page_from(req);
    auto items = members.list(req.principal().user_id, req.param("org"), page.cursor, page.limit);
    return Response::json(list_body(json_array(items, member_json), page, cursor_field("user_id")));
  });

  router.add(verb::patch, "/api/v1/orgs/{org}/members/{user}", [&members](Request& req) {
    auto role = services::parse_role_change(req.json_body());
    return Response::json(member_json(
        members.change_role(caller_of(req), req.param("org"), req.param("user"), role)));
  });

  router.add(verb::delete_, "/api/v1/orgs/{org}/members/{user}", [&members](Request& req) {
    members.remove(caller_of(req), req.param("org"), req.param("user"));
    return Response::no_content();
  });

  router.add(verb::get, "/api/v1/orgs/{org}/invitations", [&invitations](Request& req) {
    Page page = page_from(req);
    auto items = invitations.list_pending(req.principal().user_id, req.param("org"), page.cursor,
                                          page.limit);
    return Response::json(list_body(json_array(items, invitation_json), page, cursor_field("id")));
  });

  router.add(verb::post, "/api/v1/orgs/{org}/invitations", [&invitations](Request& req) {
    auto input = services::parse_invitation(req.json_body());
    auto inv = invitations.create(caller_of(req), req.param("org"), input);
    return Response::json(invitation_json(inv), http::Status::created);
  });

  router.add(verb::delete_, "/api/v1/orgs/{org}/invitations/{id}", [&invitations](Request& req) {
    invitations.withdraw(caller_of(req), req.param("org"), req.param("id"));
    return Response::no_content();
  });

  router.add(
      verb::post, "/api/v1/orgs/{org}/invitations/{id}/resend", [&invitations](Request& req) {
        return Response::json(
            invitation_json(invitations.resend(caller_of(req), req.param("org"), req.param("id"))));
      });

  // Public: the page a link opens says who invites whom before anyone signs in.
  router.add(
      verb::get, "/api/v1/invitations/{token}",
      [&invitations](Request& req) {
        auto p = invitations.preview(req.param("token"));
        return Response::json(json::object{{"org_name", p.org_name},
                                           {"inviter_name", p.inviter_name},
                                           {"email", p.email},
                                           {"role", p.role},
                                           {"expires_at", rfc3339_ms(p.expires_at)}});
      },
      http::Auth::kNone);

  router.add(verb::post, "/api/v1/invitations/{token}/accept", [&invitations](Request& req) {
    return Response::json(membership_json(invitations.accept(caller_of(req), req.param("token"))));
  });
}

}  // namespace prism::api
