// Tenant isolation, proven over every route the server documents: a user of
// organization B gets 404 on every route addressing organization A's
// resources, and A's data is unchanged afterwards.
#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "route_paths.hpp"
#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::HttpClient;
using testing::ServerProcess;

std::string id_of(const testing::HttpResponse& r, const std::string& what) {
  testing::expect_status(r, r.status >= 200 && r.status < 300 ? r.status : 201, what);
  return std::string(r.json().at("id").as_string());
}

struct OrgA {
  testing::TestUser owner;
  std::string project, document, share, invitation, session, token;
  std::string generation, story, template_id, comment;
};

OrgA build_org_a(HttpClient& a) {
  OrgA out;
  out.owner = testing::register_user(a, "owner-a", "Org A");
  out.project = id_of(a.post("/api/v1/orgs/" + out.owner.org_id + "/projects",
                             json::object{{"name", "Apollo"}, {"key", "APO"}}),
                      "create project");
  out.document = id_of(a.post("/api/v1/projects/" + out.project + "/documents",
                              json::object{{"title", "PRD"}, {"content", "## Goals\n\nShip.\n"}}),
                       "create document");
  testing::expect_status(
      a.patch("/api/v1/documents/" + out.document,
              json::object{{"content", "## Goals\n\nShip it.\n"}}, {{"If-Match", "\"1\""}}),
      200, "edit document");
  out.share = id_of(a.post("/api/v1/documents/" + out.document + "/shares",
                           json::object{{"expires_in_hours", 24}}),
                    "create share");
  out.invitation =
      id_of(a.post("/api/v1/orgs/" + out.owner.org_id + "/invitations",
                   json::object{{"email", testing::unique_email("invitee")}, {"role", "viewer"}}),
            "create invitation");
  auto sessions = a.get("/api/v1/auth/sessions");
  testing::expect_status(sessions, 200, "list sessions");
  out.session = std::string(sessions.json().at("items").as_array().at(0).at("id").as_string());
  out.token = id_of(a.post("/api/v1/auth/tokens", json::object{{"name", "ci"}}), "create token");
  // A generation through the offline template provider, a story and a
  // template, so the AI routes are swept with ids that exist in A.
  out.generation = id_of(
      a.post(
          "/api/v1/projects/" + out.project + "/generations",
          json::object{{"kind", "prd"},
                       {"input", json::object{{"product_name", "Apollo"}, {"description", "x"}}}}),
      "start generation");
  out.story = id_of(a.post("/api/v1/projects/" + out.project + "/stories",
                           json::object{{"title", "Pay by card"}}),
                    "create story");
  out.template_id = id_of(
      a.post(
          "/api/v1/orgs/" + out.owner.org_id + "/templates",
          json::object{{"name", "Mine"}, {"sections", json::array{json::object{{"title", "A"}}}}}),
      "create template");
  out.comment = id_of(a.post("/api/v1/documents/" + out.document + "/comments",
                             json::object{{"body", "A thread"}, {"section", "Goals"}}),
                      "create comment");
  return out;
}

// Replaces the template's parameters with A's ids; nullopt for routes that
// are not addressed by an org-owned id (token links, "mine" lists).
std::optional<std::string> concrete_path(const std::string& tmpl, const OrgA& a) {
  if (tmpl.find('{') == std::string::npos || tmpl.find("{token}") != std::string::npos)
    return std::nullopt;
  return testing::fill_path(tmpl, [&](const std::string& name, const std::string& prev) {
    if (name == "org") return a.owner.org_id;
    if (name == "user") return a.owner.user_id;
    if (name == "n") return std::string("1");
    if (prev == "projects") return a.project;
    if (prev == "documents") return a.document;
    if (prev == "shares") return a.share;
    if (prev == "invitations") return a.invitation;
    if (prev == "sessions") return a.session;
    if (prev == "tokens") return a.token;
    if (prev == "generations") return a.generation;
    if (prev == "stories") return a.story;
    if (prev == "templates") return a.template_id;
    if (prev == "comments") return a.comment;
    return a.document;  // routes added later default to a foreign id
  });
}

// A body each route would accept from an authorized caller, so a 404 cannot
// be mistaken for a validation error that happened to come first.
json::value plausible_body(const std::string& method, const std::string& tmpl) {
  static const std::map<std::string, json::value> kBodies = {
      {"POST /api/v1/orgs/{org}/projects", json::object{{"name", "X"}, {"key", "XX"}}},
      {"PATCH /api/v1/orgs/{org}", json::object{{"name", "Renamed"}}},
      {"PATCH /api/v1/orgs/{org}/members/{user}", json::object{{"role", "viewer"}}},
      {"POST /api/v1/orgs/{org}/invitations",
       json::object{{"email", "z@example.com"}, {"role", "viewer"}}},
      {"PATCH /api/v1/projects/{id}", json::object{{"name", "Renamed"}}},
      {"POST /api/v1/projects/{id}/documents", json::object{{"title", "Injected"}}},
      {"PATCH /api/v1/documents/{id}", json::object{{"title", "Injected"}}},
      {"POST /api/v1/documents/{id}/shares", json::object{{"expires_in_hours", 1}}},
      {"POST /api/v1/projects/{id}/generations",
       json::object{{"kind", "prd"},
                    {"input", json::object{{"product_name", "Injected"}, {"description", "x"}}}}},
      {"POST /api/v1/projects/{id}/stories", json::object{{"title", "Injected"}}},
      {"PATCH /api/v1/stories/{id}", json::object{{"title", "Injected"}}},
      {"POST /api/v1/orgs/{org}/templates",
       json::object{{"name", "Injected"}, {"sections", json::array{json::object{{"title", "A"}}}}}},
      {"PATCH /api/v1/templates/{id}", json::object{{"name", "Injected"}}},
      {"POST /api/v1/documents/{id}/comments", json::object{{"body", "Injected"}}},
      {"PATCH /api/v1/comments/{id}", json::object{{"body", "Injected"}}},
      {"POST /api/v1/documents/{id}/reviews", json::object{{"decision", "approve"}}},
      {"POST /api/v1/documents/{id}/review-requests",
       json::object{{"reviewers", json::array{"00000000-0000-7000-8000-000000000000"}}}},
  };
  auto it = kBodies.find(method + " " + tmpl);
  return it == kBodies.end() ? json::value(json::object{}) : it->second;
}

TEST(TenantSweep, EveryRouteOfAnotherOrgIsNotFound) {
  ServerProcess server;
  HttpClient a(server.base_url());
  OrgA org_a = build_org_a(a);
  HttpClient b(server.base_url());
  testing::register_user(b, "owner-b", "Org B");

  auto doc = a.get("/api/v1/openapi.json").json();
  int checked = 0;
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    std::string tmpl(path);
    auto concrete = concrete_path(tmpl, org_a);
    if (!concrete || !tmpl.starts_with("/api/v1/")) continue;
    // Server administration is not a tenant's: it answers 403 to everyone
    // but server administrators (role matrix, admin_api_test).
    if (tmpl.starts_with("/api/v1/admin/")) continue;
    for (const auto& [method_key, op] : item.as_object()) {
      std::string method(method_key);
      for (auto& c : method) c = static_cast<char>(std::toupper(c));
      testing::Headers headers;
      if (method == "PATCH") headers.push_back({"If-Match", "\"2\""});
      testing::HttpResponse r =
          method == "GET" || method == "DELETE"
              ? b.request(method, *concrete, std::nullopt, headers)
              : b.request(method, *concrete, plausible_body(method, tmpl), headers);
      EXPECT_EQ(r.status, 404) << method << " " << tmpl << " as another org's user: " << r.body;
      ++checked;
    }
  }
  EXPECT_GE(checked, 25);

  // A's data is untouched.
  auto d = a.get("/api/v1/documents/" + org_a.document);
  ASSERT_EQ(d.status, 200) << d.body;
  EXPECT_EQ(d.json().at("title").as_string(), "PRD");
  EXPECT_EQ(d.header("etag"), "\"2\"");
  EXPECT_EQ(a.get("/api/v1/projects/" + org_a.project).status, 200);
  EXPECT_EQ(a.get("/api/v1/generations/" + org_a.generation).status, 200);
  auto story = a.get("/api/v1/stories/" + org_a.story);
  ASSERT_EQ(story.status, 200) << story.body;
  EXPECT_EQ(story.json().at("title").as_string(), "Pay by card");
  EXPECT_EQ(a.get("/api/v1/templates/" + org_a.template_id).status, 200);
  auto org = a.get("/api/v1/orgs/" + org_a.owner.org_id);
  ASSERT_EQ(org.status, 200);
  EXPECT_EQ(org.json().at("name").as_string(), "Org A");
  EXPECT_EQ(a.get("/api/v1/auth/me").status, 200) << "A's session must survive B's attempts";
}

}  // namespace
}  // namespace prism
