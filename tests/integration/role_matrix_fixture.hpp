#pragma once

// The world of the role-matrix test: one organization with a user in each
// role, a user of another organization, and one of each resource.

#include <chrono>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "support/api_helpers.hpp"
#include "support/email_confirmation.hpp"
#include "support/http_client.hpp"
#include "support/org_helpers.hpp"
#include "support/server_process.hpp"
#include "support/smtp_sink.hpp"

namespace prism::testing::role_matrix {

namespace json = boost::json;

// Who may call a route. kPublic and kAccount routes are not about an
// organization (sign-in, the caller's own account, share links): they are
// listed so that every route is decided, and are not called per role.
// kServerAdmin routes belong to server administrators (users.is_admin),
// whom no organization role makes: every caller here gets 403.
enum class Min { kPublic, kAccount, kViewer, kMember, kAdmin, kOwner, kServerAdmin };

// The callers, lowest first; kStranger belongs to another organization only.
enum class Who { kStranger, kViewer, kMember, kAdmin, kOwner };
constexpr Who kEveryone[] = {Who::kStranger, Who::kViewer, Who::kMember, Who::kAdmin, Who::kOwner};

inline const char* name_of(Who w) {
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

inline bool allowed(Who w, Min min) {
  switch (min) {
    case Min::kViewer:
      return w >= Who::kViewer;
    case Min::kMember:
      return w >= Who::kMember;
    case Min::kAdmin:
      return w >= Who::kAdmin;
    case Min::kOwner:
      return w >= Who::kOwner;
    case Min::kServerAdmin:
      return false;
    default:
      return true;
  }
}

inline std::string id_of(const HttpResponse& r, const std::string& what) {
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
    confirm_email(client(Who::kOwner), sink_, owner_user_.email);
    org = owner_user_.org_id;
    for (Who w : {Who::kViewer, Who::kMember, Who::kAdmin}) {
      std::string role = name_of(w);
      TestUser u = register_user(client(w), "matrix-" + role, "Own " + role);
      confirm_email(client(w), sink_, u.email);
      invite_and_accept(owner(), sink_, org, u, client(w), role);
    }
    register_user(client(Who::kStranger), "matrix-stranger", "Elsewhere");

    subject_user = join("subject", "member");
    // A member who writes the documents the others review (nobody reviews
    // their own).
    author_ = std::make_unique<HttpClient>(server_->base_url());
    TestUser author = register_user(*author_, "matrix-author", "Own author");
    invite_and_accept(owner(), sink_, org, author, *author_, "member");
    author_user = author.user_id;
    project = fresh_project();
    document = fresh_document();
    expect_status(
        owner().patch("/api/v1/documents/" + document,
                      json::object{{"content", "## Goals\n\nShip it.\n"}}, {{"If-Match", "\"1\""}}),
        200, "edit document");
    share = fresh_share();
    story = fresh_story();
    template_id = fresh_template();
    comment = fresh_comment();
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
  // A document the owner created and deleted: in the trash.
  std::string fresh_trashed_document() {
    std::string id = fresh_document();
    expect_status(owner().del("/api/v1/documents/" + id), 204, "delete document");
    return id;
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
  std::string fresh_comment() {
    return id_of(owner().post("/api/v1/documents/" + document + "/comments",
                              json::object{{"body", "A thread"}}),
                 "create comment");
  }
  // A document of the author's, in review.
  std::string fresh_review_document() {
    std::string id = id_of(author_->post("/api/v1/projects/" + project + "/documents",
                                         json::object{{"title", "For review"}, {"content", "x\n"}}),
                           "create document to review");
    expect_status(author_->patch("/api/v1/documents/" + id, json::object{{"status", "in_review"}},
                                 {{"If-Match", "\"1\""}}),
                  200, "to review");
    return id;
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
    if (previous == "comments") return comment;
    throw std::runtime_error("no fixture for {" + param + "} after /" + previous);
  }

  std::string org, subject_user, author_user, project, document, share, story, template_id,
      generation, comment;

 private:
  SmtpSink sink_;
  std::unique_ptr<ServerProcess> server_;
  std::map<Who, std::unique_ptr<HttpClient>> clients_;
  std::unique_ptr<HttpClient> author_;
  TestUser owner_user_;
  int counter_ = 0;
};

}  // namespace prism::testing::role_matrix
