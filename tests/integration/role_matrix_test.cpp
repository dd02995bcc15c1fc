// The role matrix of API.md over every route the server documents: owner ⊃
// admin (members, projects, templates, budget) ⊃ member (documents, stories,
// generations) ⊃ viewer (read only). Each organization route is called as
// each role and as a user of another organization: roles from the route's
// minimum up get its success answer, lower roles 403, the stranger 404.
// The table must list every path and method of the OpenAPI document, so a
// route added without deciding who may call it fails this test.
#include <gtest/gtest.h>

#include <cctype>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "role_matrix_fixture.hpp"
#include "route_paths.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace prism::testing {
namespace {

using namespace role_matrix;  // NOLINT: the test and its world share one vocabulary

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
  std::string query;                 // appended to the path
  std::function<Call(World&)> make;  // a fresh target or a unique body per call
};

// An Entry::ok for rows decided but not called here (never-ending streams).
constexpr long kNotCalled = -1;

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
      {"POST", v1 + "/auth/verify-email/resend", Min::kPublic},
      {"GET", v1 + "/invitations/{token}", Min::kPublic},
      {"GET", v1 + "/shared/{token}", Min::kPublic},
      {"GET", v1 + "/auth/me", Min::kAccount},
      {"PATCH", v1 + "/auth/me", Min::kAccount},
      {"GET", v1 + "/audit/actions", Min::kAccount},
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
      {"GET", v1 + "/notifications", Min::kAccount},
      {"POST", "/mcp", Min::kAccount},
      {"DELETE", "/mcp", Min::kAccount},
      // The session's stream: decided here, exercised by mcp_stream_test.
      {"GET", "/mcp", Min::kAccount, kNotCalled},
      {"POST", v1 + "/notifications/read", Min::kAccount},
      // A stream never ends: decided here, exercised by collaboration_test.
      {"GET", v1 + "/notifications/stream", Min::kAccount, kNotCalled},
      {"POST", v1 + "/notifications/unsubscribe", Min::kPublic},
      {"GET", v1 + "/auth/me/preferences", Min::kAccount},
      {"PATCH", v1 + "/auth/me/preferences", Min::kAccount},

      // The organization, its members and invitations.
      {"GET", v1 + "/orgs/{org}", Min::kViewer},
      {"PATCH", v1 + "/orgs/{org}", Min::kAdmin, 0, "",
       [](World&) {
         return with_body(json::object{{"name", "Matrix Org"}});
       }},
      {"GET", v1 + "/orgs/{org}/audit", Min::kAdmin},
      {"GET", v1 + "/orgs/{org}/audit/export", Min::kAdmin, 0, "?format=csv&action=member"},
      {"GET", v1 + "/orgs/{org}/members", Min::kViewer},
      {"PATCH", v1 + "/orgs/{org}/members/{user}", Min::kAdmin, 0, "",
       [](World&) {
         return with_body(json::object{{"role", "member"}});
       }},
      {"DELETE", v1 + "/orgs/{org}/members/{user}", Min::kAdmin, 0, "",
       [](World& w) {
         return on("/api/v1/orgs/" + w.org + "/members/" + w.join("leaver", "member"));
       }},
      {"GET", v1 + "/orgs/{org}/invitations", Min::kAdmin},
      {"POST", v1 + "/orgs/{org}/invitations", Min::kAdmin, 0, "",
       [](World& w) { return with_body(w.invitation_body()); }},
      {"DELETE", v1 + "/orgs/{org}/invitations/{id}", Min::kAdmin, 0, "",
       [](World& w) {
         return on("/api/v1/orgs/" + w.org + "/invitations/" + w.fresh_invitation());
       }},
      {"POST", v1 + "/orgs/{org}/invitations/{id}/resend", Min::kAdmin, 0, "",
       [](World& w) {
         return on("/api/v1/orgs/" + w.org + "/invitations/" + w.fresh_invitation() + "/resend");
       }},
      {"GET", v1 + "/orgs/{org}/usage", Min::kViewer},

      // The organization's own AI provider: members read it, admins change it.
      // Testing or listing models of the offline template is a 422.
      {"GET", v1 + "/orgs/{org}/ai-settings", Min::kViewer},
      {"PUT", v1 + "/orgs/{org}/ai-settings", Min::kAdmin, 0, "",
       [](World&) {
         return with_body(json::object{{"provider", "template"}});
       }},
      {"DELETE", v1 + "/orgs/{org}/ai-settings", Min::kAdmin},
      {"POST", v1 + "/orgs/{org}/ai-settings/test", Min::kAdmin, 422, "",
       [](World&) {
         return with_body(json::object{{"provider", "template"}});
       }},
      {"GET", v1 + "/orgs/{org}/ai-settings/models", Min::kAdmin, 422},

      // Projects: admins manage them (finding 7 of issue 11).
      {"GET", v1 + "/orgs/{org}/projects", Min::kViewer},
      {"POST", v1 + "/orgs/{org}/projects", Min::kAdmin, 0, "",
       [](World& w) {
         return with_body(json::object{{"name", "New"}, {"key", w.next_key()}});
       }},
      {"GET", v1 + "/projects/{id}", Min::kViewer},
      {"PATCH", v1 + "/projects/{id}", Min::kAdmin, 0, "",
       [](World&) {
         return with_body(json::object{{"name", "Renamed"}});
       }},
      {"DELETE", v1 + "/projects/{id}", Min::kAdmin, 0, "",
       [](World& w) { return on("/api/v1/projects/" + w.fresh_project()); }},

      // Documents, versions and share links.
      {"GET", v1 + "/projects/{id}/documents", Min::kViewer},
      {"POST", v1 + "/projects/{id}/documents", Min::kMember, 0, "",
       [](World&) {
         return with_body(json::object{{"title", "New"}});
       }},
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
       [](World&) {
         return with_body(json::object{{"expires_in_hours", 1}});
       }},
      {"DELETE", v1 + "/shares/{id}", Min::kMember, 0, "",
       [](World& w) { return on("/api/v1/shares/" + w.fresh_share()); }},

      // Comments (viewers comment unless the organization turns it off),
      // reviews (anyone but the author reviews; members ask reviewers).
      {"GET", v1 + "/documents/{id}/comments", Min::kViewer},
      {"POST", v1 + "/documents/{id}/comments", Min::kViewer, 0, "",
       [](World&) {
         return with_body(json::object{{"body", "Matrix comment"}});
       }},
      {"PATCH", v1 + "/comments/{id}", Min::kMember, 0, "",
       [](World& w) {
         return on("/api/v1/comments/" + w.fresh_comment(), json::object{{"resolved", true}});
       }},
      {"DELETE", v1 + "/comments/{id}", Min::kAdmin, 0, "",
       [](World& w) { return on("/api/v1/comments/" + w.fresh_comment()); }},
      {"GET", v1 + "/documents/{id}/reviews", Min::kViewer},
      {"POST", v1 + "/documents/{id}/review-requests", Min::kMember, 0, "",
       [](World& w) {
         return with_body(json::object{{"reviewers", json::array{w.author_user}}});
       }},
      {"POST", v1 + "/documents/{id}/reviews", Min::kViewer, 0, "",
       [](World& w) {
         return on("/api/v1/documents/" + w.fresh_review_document() + "/reviews",
                   json::object{{"decision", "approve"}});
       }},
      // The trash and search everywhere: every member reads them; restoring
      // is for administrators and the member who deleted the document (here
      // the owner deleted it, so members get 403 like viewers).
      {"GET", v1 + "/orgs/{org}/trash", Min::kViewer},
      {"POST", v1 + "/documents/{id}/restore", Min::kAdmin, 200, "",
       [](World& w) { return on("/api/v1/documents/" + w.fresh_trashed_document() + "/restore"); }},
      {"GET", v1 + "/orgs/{org}/search", Min::kViewer, 0, "?q=PRD"},

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
       [](World& w) {
         return on("/api/v1/templates/" + w.fresh_template(),
                   json::object{{"description", "Changed"}}, {{"If-Match", "\"1\""}});
       }},
      {"DELETE", v1 + "/templates/{id}", Min::kAdmin, 0, "",
       [](World& w) { return on("/api/v1/templates/" + w.fresh_template()); }},

      // The backlog.
      {"GET", v1 + "/projects/{id}/stories", Min::kViewer},
      {"POST", v1 + "/projects/{id}/stories", Min::kMember, 0, "",
       [](World&) {
         return with_body(json::object{{"title", "New story"}});
       }},
      {"GET", v1 + "/projects/{id}/stories/export", Min::kViewer, 0, "?format=csv"},
      {"GET", v1 + "/stories/{id}", Min::kViewer},
      {"PATCH", v1 + "/stories/{id}", Min::kMember, 0, "",
       [](World&) {
         return with_body(json::object{{"title", "Changed"}});
       }},
      {"DELETE", v1 + "/stories/{id}", Min::kMember, 0, "",
       [](World& w) { return on("/api/v1/stories/" + w.fresh_story()); }},

      // Server administration: no organization role reaches it, and an
      // existing account's id answers 403 like any other.
      {"GET", v1 + "/admin/users", Min::kServerAdmin},
      {"PATCH", v1 + "/admin/users/{id}", Min::kServerAdmin, 0, "",
       [](World& w) {
         return on("/api/v1/admin/users/" + w.subject_user, json::object{{"disabled", true}});
       }},
      {"GET", v1 + "/admin/orgs", Min::kServerAdmin},
      {"GET", v1 + "/admin/audit", Min::kServerAdmin},
      {"GET", v1 + "/admin/storage", Min::kServerAdmin},

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
    if (e.min == Min::kPublic) continue;
    if (e.min == Min::kAccount) {
      // About the caller's own account: every role reads its own, alike.
      if (e.method != "GET" || e.path.find('{') != std::string::npos || e.ok == kNotCalled)
        continue;
      for (Who who : kEveryone) {
        auto r = world.client(who).get(e.path);
        EXPECT_EQ(r.status, e.ok ? e.ok : 200)
            << "GET " << e.path << " as " << name_of(who) << ": " << r.body;
        ++checked;
      }
      continue;
    }
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
      if (e.min == Min::kServerAdmin) {
        EXPECT_EQ(r.status, 403) << what;
        EXPECT_NE(r.body.find("server administrators only"), std::string::npos) << what;
      } else if (who == Who::kStranger) {
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
