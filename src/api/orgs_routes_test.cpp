#include "api/orgs_routes.hpp"

#include <gtest/gtest.h>

#include <deque>

#include "api/audit_routes.hpp"
#include "api/members_routes.hpp"
#include "api/projects_routes.hpp"
#include "http/dispatcher.hpp"
#include "store/testing_db.hpp"

namespace prism::api {
namespace {

namespace bh = http::beast_http;

// In these tests the bearer token is simply the user id.
class UserIdAuthenticator : public http::Authenticator {
 public:
  std::optional<http::Principal> authenticate(std::string_view bearer,
                                              const http::Request&) override {
    return http::Principal{std::string(bearer), "session", ""};
  }
};

class KeepingMailer : public mail::Mailer {
 public:
  void send(const mail::Message& m) override { sent.push_back(m); }
  std::vector<mail::Message> sent;
};

struct Reply {
  int status;
  std::string content_type;
  std::string location;
  json::value body;
};

// The routes in process, through the real dispatcher, against a real
// database: status codes and JSON shapes without starting a server.
class OrgsRoutesTest : public ::testing::Test {
 protected:
  OrgsRoutesTest() {
    register_orgs_routes(router_, orgs_);
    register_members_routes(router_, members_, invitations_);
    register_audit_routes(router_, audit_);
    register_projects_routes(router_, projects_);
  }

  Reply call(bh::verb method, const std::string& target, const std::string& user,
             const std::optional<std::string>& body = std::nullopt,
             const std::string& content_type = "application/json") {
    http::RawRequest req{method, target, 11};
    if (!user.empty()) req.set(bh::field::authorization, "Bearer " + user);
    if (body) {
      req.set(bh::field::content_type, content_type);
      req.body() = *body;
    }
    req.prepare_payload();
    requests_.push_back(std::move(req));
    auto ex = dispatcher_.begin(requests_.back(), "10.0.0.1");
    auto raw = dispatcher_.finish(ex, dispatcher_.run(ex), true);
    Reply r{static_cast<int>(raw.result_int()), std::string(raw[bh::field::content_type]),
            std::string(raw[bh::field::location]), nullptr};
    if (!raw.body().empty()) r.body = json::parse(raw.body());
    return r;
  }
  std::string str(const json::value& v, const char* field) {
    return std::string(v.at(field).as_string());
  }

  store::testing::TempDatabase tdb_;
  KeepingMailer mailer_;
  services::OrgsService orgs_{tdb_.db()};
  services::MembersService members_{tdb_.db()};
  services::AuditLogService audit_{tdb_.db()};
  services::InvitationsService invitations_{tdb_.db(), mailer_, "http://app.test"};
  services::ProjectsService projects_{tdb_.db()};
  http::Router router_;
  http::Metrics metrics_;
  UserIdAuthenticator auth_;
  http::Dispatcher dispatcher_{router_, &auth_, metrics_, {}};
  std::deque<http::RawRequest> requests_;
  std::string ada_ = tdb_.add_user("ada@example.com", "Ada");
  std::string eve_ = tdb_.add_user("eve@example.com", "Eve");
};

TEST_F(OrgsRoutesTest, CreateReadListAndPageOrganizations) {
  auto created = call(bh::verb::post, "/api/v1/orgs", ada_, R"({"name":"Acme Inc"})");
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(str(created.body, "slug"), "acme-inc");
  EXPECT_EQ(str(created.body, "role"), "owner");
  EXPECT_TRUE(created.body.at("monthly_budget_usd").is_null());
  EXPECT_EQ(str(created.body, "created_at").back(), 'Z');
  std::string id = str(created.body, "id");
  EXPECT_EQ(created.location, "/api/v1/orgs/" + id);
  call(bh::verb::post, "/api/v1/orgs", ada_, R"({"name":"Beta","slug":"beta"})");

  auto page = call(bh::verb::get, "/api/v1/orgs?limit=1", ada_);
  ASSERT_EQ(page.status, 200);
  ASSERT_EQ(page.body.at("items").as_array().size(), 1u);
  EXPECT_EQ(str(page.body.at("items").at(0), "id"), id);
  std::string cursor = str(page.body, "next_cursor");
  auto rest = call(bh::verb::get, "/api/v1/orgs?limit=1&cursor=" + cursor, ada_);
  EXPECT_EQ(str(rest.body.at("items").at(0), "slug"), "beta");
  EXPECT_TRUE(rest.body.at("next_cursor").is_null());

  auto patched = call(bh::verb::patch, "/api/v1/orgs/" + id, ada_,
                      R"({"monthly_budget_tokens":5000,"monthly_budget_usd":12.5})");
  ASSERT_EQ(patched.status, 200);
  EXPECT_EQ(patched.body.at("monthly_budget_tokens").as_int64(), 5000);
  EXPECT_EQ(call(bh::verb::get, "/api/v1/orgs/" + id, eve_).status, 404);
  EXPECT_EQ(call(bh::verb::delete_, "/api/v1/orgs/" + id, ada_).status, 204);
  EXPECT_EQ(call(bh::verb::get, "/api/v1/orgs/" + id, ada_).status, 404);
}

TEST_F(OrgsRoutesTest, BadRequestsGetProblemDocuments) {
  auto text = call(bh::verb::post, "/api/v1/orgs", ada_, "name=x", "text/plain");
  EXPECT_EQ(text.status, 415);
  EXPECT_EQ(text.content_type, "application/problem+json");
  EXPECT_EQ(call(bh::verb::post, "/api/v1/orgs", ada_, "{\"name\":").status, 400);
  auto invalid = call(bh::verb::post, "/api/v1/orgs", ada_, R"({"name":"","color":"red"})");
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(invalid.body.at("errors").as_array().size(), 2u);
  EXPECT_EQ(call(bh::verb::get, "/api/v1/orgs", "").status, 401);
  EXPECT_EQ(call(bh::verb::get, "/api/v1/orgs?limit=0", ada_).status, 422);
  call(bh::verb::post, "/api/v1/orgs", ada_, R"({"name":"A","slug":"taken"})");
  auto dup = call(bh::verb::post, "/api/v1/orgs", eve_, R"({"name":"B","slug":"taken"})");
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(str(dup.body, "code"), "conflict");
}

TEST_F(OrgsRoutesTest, InviteAcceptListMembersAndReadTheAuditLog) {
  std::string org =
      str(call(bh::verb::post, "/api/v1/orgs", ada_, R"({"name":"Acme"})").body, "id");
  auto inv = call(bh::verb::post, "/api/v1/orgs/" + org + "/invitations", ada_,
                  R"({"email":"EVE@example.com","role":"viewer"})");
  ASSERT_EQ(inv.status, 201);
  EXPECT_EQ(str(inv.body, "email"), "eve@example.com");
  EXPECT_FALSE(inv.body.as_object().contains("token"));
  ASSERT_EQ(mailer_.sent.size(), 1u);
  auto at = mailer_.sent[0].text.find("http://app.test/invitations/");
  ASSERT_NE(at, std::string::npos);
  std::string token = mailer_.sent[0].text.substr(at + 28, 43);

  auto listed = call(bh::verb::get, "/api/v1/orgs/" + org + "/invitations", ada_);
  EXPECT_EQ(listed.body.at("items").as_array().size(), 1u);
  auto joined = call(bh::verb::post, "/api/v1/invitations/" + token + "/accept", eve_);
  ASSERT_EQ(joined.status, 200);
  EXPECT_EQ(str(joined.body, "role"), "viewer");
  EXPECT_EQ(str(joined.body, "org_id"), org);
  EXPECT_EQ(str(joined.body, "org_name"), "Acme");
  EXPECT_EQ(call(bh::verb::post, "/api/v1/invitations/" + token + "/accept", eve_).status, 410);

  auto members = call(bh::verb::get, "/api/v1/orgs/" + org + "/members", eve_);
  ASSERT_EQ(members.status, 200);
  auto& items = members.body.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(str(items[1], "user_id"), eve_);
  EXPECT_EQ(str(items[1], "email"), "eve@example.com");
  EXPECT_EQ(str(items[1], "name"), "Eve");
  EXPECT_EQ(str(items[1], "role"), "viewer");
  EXPECT_TRUE(items[1].as_object().contains("joined_at"));

  EXPECT_EQ(
      call(bh::verb::patch, "/api/v1/orgs/" + org + "/members/" + eve_, eve_, R"({"role":"admin"})")
          .status,
      403);
  auto promoted = call(bh::verb::patch, "/api/v1/orgs/" + org + "/members/" + eve_, ada_,
                       R"({"role":"member"})");
  EXPECT_EQ(str(promoted.body, "role"), "member");

  EXPECT_EQ(call(bh::verb::get, "/api/v1/orgs/" + org + "/audit", eve_).status, 403);
  auto audit = call(bh::verb::get, "/api/v1/orgs/" + org + "/audit?limit=2", ada_);
  ASSERT_EQ(audit.status, 200);
  auto& first = audit.body.at("items").at(0);
  EXPECT_EQ(str(first, "action"), "member.role_changed");
  EXPECT_EQ(str(first, "actor_id"), ada_);
  EXPECT_EQ(str(first, "target_type"), "user");
  EXPECT_EQ(str(first, "ip"), "10.0.0.1");
  EXPECT_EQ(str(first.at("details"), "to"), "member");
  EXPECT_EQ(str(audit.body.at("items").at(1), "action"), "member.joined");
  EXPECT_FALSE(audit.body.at("next_cursor").is_null());

  EXPECT_EQ(call(bh::verb::delete_, "/api/v1/orgs/" + org + "/members/" + eve_, eve_).status, 204);
  EXPECT_EQ(call(bh::verb::get, "/api/v1/orgs/" + org + "/members", eve_).status, 404);
}

TEST_F(OrgsRoutesTest, ProjectsLifecycle) {
  std::string org =
      str(call(bh::verb::post, "/api/v1/orgs", ada_, R"({"name":"Acme"})").body, "id");
  auto created = call(bh::verb::post, "/api/v1/orgs/" + org + "/projects", ada_,
                      R"({"name":"Web","key":"WEB","description":"Site"})");
  ASSERT_EQ(created.status, 201);
  std::string id = str(created.body, "id");
  EXPECT_EQ(created.location, "/api/v1/projects/" + id);
  EXPECT_EQ(str(created.body, "org_id"), org);
  EXPECT_EQ(str(created.body, "created_by"), ada_);
  EXPECT_EQ(call(bh::verb::post, "/api/v1/orgs/" + org + "/projects", ada_,
                 R"({"name":"Web 2","key":"WEB"})")
                .status,
            409);
  EXPECT_EQ(call(bh::verb::post, "/api/v1/orgs/" + org + "/projects", ada_,
                 R"({"name":"Web 2","key":"web"})")
                .status,
            422);
  auto patched = call(bh::verb::patch, "/api/v1/projects/" + id, ada_,
                      R"({"name":"Website","description":null})");
  ASSERT_EQ(patched.status, 200);
  EXPECT_EQ(str(patched.body, "name"), "Website");
  EXPECT_EQ(str(patched.body, "description"), "");
  auto list = call(bh::verb::get, "/api/v1/orgs/" + org + "/projects", ada_);
  EXPECT_EQ(list.body.at("items").as_array().size(), 1u);
  EXPECT_EQ(call(bh::verb::get, "/api/v1/projects/" + id, eve_).status, 404);
  EXPECT_EQ(call(bh::verb::delete_, "/api/v1/projects/" + id, ada_).status, 204);
  EXPECT_EQ(call(bh::verb::get, "/api/v1/projects/" + id, ada_).status, 404);
}

}  // namespace
}  // namespace prism::api
