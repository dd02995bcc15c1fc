// The role matrix of API.md over every route the server documents: owner ⊃
// admin (members, projects, templates, budget) ⊃ member (documents, stories,
// generations) ⊃ viewer (read only). Each organization route is called as
// each role and as a user of another organization: roles from the route's
// minimum up get its success answer, lower roles 403, the stranger 404.
// The table must list every path and method of the OpenAPI document, so a
// route added without deciding who may call it fails this test.
#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "route_paths.hpp"
#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/org_helpers.hpp"
#include "support/server_process.hpp"
#include "support/smtp_sink.hpp"
#include "support/verify_helpers.hpp"

namespace prism::testing {
namespace {

namespace json = boost::json;

// Who may call a route. kPublic and kAccount routes are not about an
// organization (sign-in, the caller's own account, share links): they are
// listed so that every route is decided, and are not called per role.
enum class Min { kPublic, kAccount, kViewer, kMember, kAdmin, kOwner };

// The callers, lowest first; kStranger belongs to another organization only.
enum class Who { kStranger, kViewer, kMember, kAdmin, kOwner };
constexpr Who kEveryone[] = {Who::kStranger, Who::kViewer, Who::kMember, Who::kAdmin, Who::kOwner};

const char* name_of(Who w) {
  switch (w) {
    case Who::kStranger:
      return "another organization's owner";
    case Who::kViewer:
      return "viewer";
    case Who::kMember:
      return "member";
    case Who::kAdmin:
      return "admin";
    case Who::kOwner:
      return "owner";
  }
  return "?";
}

bool allowed(Who w, Min min) {
  switch (min) {
    case Min::kViewer:
      return w >= Who::kViewer;
    case Min::kMember:
      return w >= Who::kMember;
    case Min::kAdmin:
      return w >= Who::kAdmin;
    case Min::kOwner:
      return w >= Who::kOwner;
    default:
      return true;
  }
}

std::string id_of(const HttpResponse& r, const std::string& what) {
  if (r.status < 200 || r.status > 299) expect_status(r, 201, what);
  return str(r.json(), "id");
}

// One organization with a user in each role, a stranger, and one of each
// resource, made once for the whole table.
class World {
 public:
  World() {
    server_ = std::make_unique<ServerProcess>(EnvVars{{"SMTP_URL", sink_.url()},
                                                      {"PUBLIC_URL", kTestPublicUrl},
                                                      {"AI_MAX_CONCURRENT_PER_ORG", "50"},
                                                      {"AI_MAX_CONCURRENT_PER_USER", "50"}});
    owner_user_ = register_user(client(Who::kOwner), "matrix-owner", "Matrix Org");
    verify_email(client(Who::kOwner), sink_, owner_user_.email);
    org = owner_user_.org_id;
    for (Who w : {Who::kViewer, Who::kMember, Who::kAdmin}) {
      std::string role = name_of(w);
      TestUser u = register_user(client(w), "matrix-" + role, "Own " + role);
      verify_email(client(w), sink_, u.email);
      invite_and_accept(owner(), sink_, org, u, client(w), role);
    }
    register_user(client(Who::kStranger), "matrix-stranger", "Elsewhere");

    subject_user = join("subject", "member");
    project = fresh_project();
    document = fresh_document();
    expect_status(owner().patch("/api/v1/documents/" + document,
                                json::object{{"content", "## Goals\n\nShip it.\n"}},
                                {{"If-Match", "\"1\""}}),
                  200, "edit document");
    share = fresh_share();
    story = fresh_story();
    template_id = fresh_template();
    generation = id_of(owner().post("/api/v1/projects/" + project + "/generations", prd_body()),
                       "start generation");
    wait_generation_ended(generation);
  }

  HttpClient& client(Who w) {
    auto& c = clients_[w];
    if (!c) c = std::make_unique<HttpClient>(server_->base_url());
    return *c;
  }
  HttpClient& owner() { return client(Who::kOwner); }

  // A new user who joined the organization with `role`; returns the user id.
  std::string join(const std::string& prefix, const std::string& role) {
    HttpClient c(server_->base_url());
    TestUser u = register_user(c, "matrix-" + prefix, "Own " + prefix);
    invite_and_accept(owner(), sink_, org, u, c, role);
    return u.user_id;
  }
  std::string fresh_project() {
    return id_of(owner().post("/api/v1/orgs/" + org + "/projects",
                              json::object{{"name", "Matrix"}, {"key", next_key()}}),
                 "create project");
  }
  std::string fresh_document() {
    return id_of(owner().post("/api/v1/projects/" + project + "/documents",
                              json::object{{"title", "PRD"}, {"content", "## Goals\n\nShip.\n"}}),
                 "create document");
  }
  std::string fresh_share() {
    return id_of(owner().post("/api/v1/documents/" + document + "/shares",
                              json::object{{"expires_in_hours", 24}}),
                 "create share");
  }
  std::string fresh_story() {
    return id_of(owner().post("/api/v1/projects/" + project + "/stories",
                              json::object{{"title", "Pay by card"}}),
                 "create story");
  }
  std::string fresh_template() {
    return id_of(owner().post("/api/v1/orgs/" + org + "/templates", template_body()),
                 "create template");
  }
  std::string fresh_invitation() {
    return id_of(owner().post("/api/v1/orgs/" + org + "/invitations", invitation_body()),
                 "create invitation");
  }
  json::object invitation_body() {
    return json::object{{"email", unique_email("matrix-invitee")}, {"role", "viewer"}};
  }
  json::object template_body() {
    return json::object{{"name", "Matrix " + std::to_string(++counter_)},
                        {"sections", json::array{json::object{{"title", "A"}}}}};
  }
  static json::object prd_body() {
    return json::object{
        {"kind", "prd"},
        {"input", json::object{{"product_name", "Matrix"}, {"description", "A tool"}}}};
  }
  std::string next_key() { return "RM" + std::to_string(++counter_); }

  void wait_generation_ended(const std::string& id) {
    for (int i = 0; i < 400; ++i) {
      std::string status = str(owner().get("/api/v1/generations/" + id).json(), "status");
      if (status != "queued" && status != "running") return;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    throw std::runtime_error("generation " + id + " did not end");
  }

  // The fixtures' id for a path parameter.
  std::string id_for(const std::string& param, const std::string& previous) const {
    if (param == "org") return org;
    if (param == "user") return subject_user;
    if (param == "n") return "1";
    if (previous == "projects") return project;
    if (previous == "documents") return document;
    if (previous == "shares") return share;
    if (previous == "generations") return generation;
    if (previous == "stories") return story;
    if (previous == "templates") return template_id;
    throw std::runtime_error("no fixture for {" + param + "} after /" + previous);
  }

  std::string org, subject_user, project, document, share, story, template_id, generation;

 private:
  SmtpSink sink_;
  std::unique_ptr<ServerProcess> server_;
  std::map<Who, std::unique_ptr<HttpClient>> clients_;
  TestUser owner_user_;
  int counter_ = 0;
};

// One call: the concrete path (with a query when the route needs one),
// the body and headers.
struct Call {
  std::optional<std::string> path;  // unset: the template filled with the fixtures
  std::optional<json::value> body;
  Headers headers;
};

struct Entry {
  Entry(std::string m, std::string p, Min least, long expected = 0, std::string q = "",
        std::function<Call(World&)> maker = nullptr)
      : method(std::move(m)),
        path(std::move(p)),
        min(least),
        ok(expected),
        query(std::move(q)),
        make(std::move(maker)) {}

  std::string method;
  std::string path;  // as in the OpenAPI document
  Min min;
  // What an allowed caller gets; 0: any 2xx. A finished generation cannot
  // be cancelled (409) and a PRD generation is never applied (409): both
  // come after the role check, which is what this table is about.
  long ok;
  std::string query;                   // appended to the path
  std::function<Call(World&)> make;    // a fresh target or a unique body per call
};

Call on(const std::string& path, std::optional<json::value> body = std::nullopt,
        Headers headers = {}) {
  return Call{path, std::move(body), std::move(headers)};
}
Call with_body(json::value body) { return Call{std::nullopt, std::move(body), {}}; }

std::vector<Entry> matrix() {
  const std::string v1 = "/api/v1";
  return {
      // Operations, the document itself, sign-in and the caller's own account.
      {"GET", "/health", Min::kPublic},
      {"GET", "/api/health", Min::kPublic},
      {"GET", "/ready", Min::kPublic},
      {"GET", "/metrics", Min::kPublic},
      {"GET", v1 + "/openapi.json", Min::kPublic},
      {"POST", v1 + "/auth/register", Min::kPublic},
      {"POST", v1 + "/auth/login", Min::kPublic},
      {"POST", v1 + "/auth/refresh", Min::kPublic},
      {"POST", v1 + "/auth/logout", Min::kPublic},
      {"POST", v1 + "/auth/password/forgot", Min::kPublic},
      {"POST", v1 + "/auth/password/reset", Min::kPublic},
      {"POST", v1 + "/auth/verify-email", Min::kPublic},
      {"GET", v1 + "/shared/{token}", Min::kPublic},
      {"GET", v1 + "/auth/me", Min::kAccount},
      {"GET", v1 + "/auth/sessions", Min::kAccount},
      {"DELETE", v1 + "/auth/sessions/{id}", Min::kAccount},
      {"POST", v1 + "/auth/password", Min::kAccount},
      {"GET", v1 + "/auth/tokens", Min::kAccount},
      {"POST", v1 + "/auth/tokens", Min::kAccount},
      {"DELETE", v1 + "/auth/tokens/{id}", Min::kAccount},
      {"GET", v1 + "/orgs", Min::kAccount},
      {"POST", v1 + "/orgs", Min::kAccount},
      {"POST", v1 + "/invitations/{token}/accept", Min::kAccount},
      {"GET", v1 + "/ai/providers", Min::kAccount},

      // The organization, its members and invitations.
      {"GET", v1 + "/orgs/{org}", Min::kViewer},
      {"PATCH", v1 + "/orgs/{org}", Min::kAdmin, 0, "",
       [](World&) { return with_body(json::object{{"name", "Matrix Org"}}); }},
      {"GET", v1 + "/orgs/{org}/audit", Min::kAdmin},
      {"GET", v1 + "/orgs/{org}/members", Min::kViewer},
      {"PATCH", v1 + "/orgs/{org}/members/{user}", Min::kAdmin, 0, "",
       [](World&) { return with_body(json::object{{"role", "member"}}); }},
      {"DELETE", v1 + "/orgs/{org}/members/{user}", Min::kAdmin, 0, "",
       [](World& w) { return on("/api/v1/orgs/" + w.org + "/members/" + w.join("leaver", "member")); }},
      {"GET", v1 + "/orgs/{org}/invitations", Min::kAdmin},
      {"POST", v1 + "/orgs/{org}/invitations", Min::kAdmin, 0, "",
       [](World& w) { return with_body(w.invitation_body()); }},
      {"DELETE", v1 + "/orgs/{org}/invitations/{id}", Min::kAdmin, 0, "",
       [](World& w) { return on("/api/v1/orgs/" + w.org + "/invitations/" + w.fresh_invitation()); }},
      {"GET", v1 + "/orgs/{org}/usage", Min::kViewer},

      // Projects: admins manage them (finding 7 of issue 11).
      {"GET", v1 + "/orgs/{org}/projects", Min::kViewer},
      {"POST", v1 + "/orgs/{org}/projects", Min::kAdmin, 0, "",
       [](World& w) { return with_body(json::object{{"name", "New"}, {"key", w.next_key()}}); }},
      {"GET", v1 + "/projects/{id}", Min::kViewer},
      {"PATCH", v1 + "/projects/{id}", Min::kAdmin, 0, "",
       [](World&) { return with_body(json::object{{"name", "Renamed"}}); }},
      {"DELETE", v1 + "/projects/{id}", Min::kAdmin, 0, "",
       [](World& w) { return on("/api/v1/projects/" + w.fresh_project()); }},

      // Documents, versions and share links.
      {"GET", v1 + "/projects/{id}/documents", Min::kViewer},
      {"POST", v1 + "/projects/{id}/documents", Min::kMember, 0, "",
       [](World&) { return with_body(json::object{{"title", "New"}}); }},
      {"GET", v1 + "/documents/{id}", Min::kViewer},
      {"PATCH", v1 + "/documents/{id}", Min::kMember, 0, "",
       [](World& w) {
         return on("/api/v1/documents/" + w.fresh_document(), json::object{{"title", "Edited"}},
                   {{"If-Match", "\"1\""}});
       }},
      {"DELETE", v1 + "/documents/{id}", Min::kMember, 0, "",
       [](World& w) { return on("/api/v1/documents/" + w.fresh_document()); }},
      {"GET", v1 + "/documents/{id}/versions", Min::kViewer},
      {"GET", v1 + "/documents/{id}/versions/{n}", Min::kViewer},
      {"POST", v1 + "/documents/{id}/versions/{n}/restore", Min::kMember},
      {"GET", v1 + "/documents/{id}/diff", Min::kViewer, 0, "?from=1&to=2"},
      {"GET", v1 + "/documents/{id}/export", Min::kViewer, 0, "?format=md"},
      {"GET", v1 + "/documents/{id}/lint", Min::kViewer},
      {"GET", v1 + "/documents/{id}/shares", Min::kViewer},
      {"POST", v1 + "/documents/{id}/shares", Min::kMember, 0, "",
       [](World&) { return with_body(json::object{{"expires_in_hours", 1}}); }},
      {"DELETE", v1 + "/shares/{id}", Min::kMember, 0, "",
       [](World& w) { return on("/api/v1/shares/" + w.fresh_share()); }},

      // AI generations and templates.
      {"GET", v1 + "/projects/{id}/generations", Min::kViewer},
      {"POST", v1 + "/projects/{id}/generations", Min::kMember, 202, "",
       [](World&) { return with_body(World::prd_body()); }},
      {"GET", v1 + "/generations/{id}", Min::kViewer},
      {"GET", v1 + "/generations/{id}/events", Min::kViewer},
      {"POST", v1 + "/generations/{id}/cancel", Min::kMember, 409},
      {"POST", v1 + "/generations/{id}/apply", Min::kMember, 409},
      {"GET", v1 + "/orgs/{org}/templates", Min::kViewer},
      {"POST", v1 + "/orgs/{org}/templates", Min::kAdmin, 0, "",
       [](World& w) { return with_body(w.template_body()); }},
      {"GET", v1 + "/templates/{id}", Min::kViewer},
      {"PATCH", v1 + "/templates/{id}", Min::kAdmin, 0, "",
       [](World&) { return with_body(json::object{{"description", "Changed"}}); }},
      {"DELETE", v1 + "/templates/{id}", Min::kAdmin, 0, "",
       [](World& w) { return on("/api/v1/templates/" + w.fresh_template()); }},

      // The backlog.
      {"GET", v1 + "/projects/{id}/stories", Min::kViewer},
      {"POST", v1 + "/projects/{id}/stories", Min::kMember, 0, "",
       [](World&) { return with_body(json::object{{"title", "New story"}}); }},
      {"GET", v1 + "/projects/{id}/stories/export", Min::kViewer, 0, "?format=csv"},
      {"GET", v1 + "/stories/{id}", Min::kViewer},
      {"PATCH", v1 + "/stories/{id}", Min::kMember, 0, "",
       [](World&) { return with_body(json::object{{"title", "Changed"}}); }},
      {"DELETE", v1 + "/stories/{id}", Min::kMember, 0, "",
       [](World& w) { return on("/api/v1/stories/" + w.fresh_story()); }},

      // Last: it deletes the organization every row above uses.
      {"DELETE", v1 + "/orgs/{org}", Min::kOwner},
  };
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

TEST(RoleMatrix, EveryDocumentedRouteIsInTheTable) {
  ServerProcess server;
  HttpClient anonymous(server.base_url());
  auto r = anonymous.get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200) << r.body;
  std::set<std::string> documented;
  for (const auto& [path, item] : r.json().at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      std::string m = upper(std::string(method));
      if (m == "GET" || m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE") {
        documented.insert(m + " " + std::string(path));
      }
    }
  }
  std::set<std::string> listed;
  for (const auto& e : matrix()) {
    EXPECT_TRUE(listed.insert(e.method + " " + e.path).second)
        << e.method << " " << e.path << " is listed twice";
  }
  for (const auto& route : documented) {
    EXPECT_TRUE(listed.count(route))
        << route << " is documented but has no row in the role matrix: decide who may call it";
  }
  for (const auto& route : listed) {
    EXPECT_TRUE(documented.count(route)) << route << " is in the role matrix but not documented";
  }
}

TEST(RoleMatrix, EachRoleGetsExactlyWhatTheMatrixGivesIt) {
  World world;
  int checked = 0;
  for (const auto& e : matrix()) {
    if (e.min == Min::kPublic || e.min == Min::kAccount) continue;
    for (Who who : kEveryone) {
      Call call = e.make ? e.make(world) : Call{};
      std::string path =
          call.path ? *call.path
                    : fill_path(e.path, [&](const std::string& p, const std::string& prev) {
                        return world.id_for(p, prev);
                      });
      path += e.query;
      std::optional<json::value> body = call.body;
      if (!body && e.method != "GET" && e.method != "DELETE") body = json::object{};
      auto r = world.client(who).request(e.method, path, body, call.headers);
      std::string what = e.method + " " + e.path + " as " + name_of(who) + ": " + r.body;
      if (who == Who::kStranger) {
        EXPECT_EQ(r.status, 404) << what;
      } else if (!allowed(who, e.min)) {
        EXPECT_EQ(r.status, 403) << what;
      } else if (e.ok != 0) {
        EXPECT_EQ(r.status, e.ok) << what;
      } else {
        EXPECT_TRUE(r.status >= 200 && r.status <= 299) << "got " << r.status << ": " << what;
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 5 * 45);
}

}  // namespace
}  // namespace prism::testing
