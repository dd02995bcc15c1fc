#include "support/org_helpers.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace prism::testing {

std::unique_ptr<SmtpSink> OrgApiTest::sink_;
std::unique_ptr<ServerProcess> OrgApiTest::server_;

void OrgApiTest::SetUpTestSuite() {
  sink_ = std::make_unique<SmtpSink>();
  server_ = std::make_unique<ServerProcess>(
      EnvVars{{"SMTP_URL", sink_->url()}, {"PUBLIC_URL", kTestPublicUrl}});
}

void OrgApiTest::TearDownTestSuite() {
  server_.reset();
  sink_.reset();
}

std::pair<TestUser, std::unique_ptr<HttpClient>> OrgApiTest::user(const std::string& prefix) {
  auto client = std::make_unique<HttpClient>(server_->base_url());
  auto u = register_user(*client, prefix, prefix + " org");
  return {u, std::move(client)};
}

std::unique_ptr<HttpClient> OrgApiTest::anonymous_client() {
  return std::make_unique<HttpClient>(server_->base_url());
}

std::string str(const boost::json::value& v, const char* field) {
  const auto* obj = v.if_object();
  if (!obj || !obj->contains(field) || !obj->at(field).is_string()) return {};
  return std::string(obj->at(field).as_string());
}

void expect_error(const HttpResponse& r, long status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_TRUE(r.header("content-type").starts_with("application/problem+json")) << r.body;
  if (!code.empty() && r.status == status) {
    EXPECT_EQ(str(r.json(), "code"), code) << r.body;
  }
}

bool has_error_for(const HttpResponse& r, const std::string& field) {
  auto v = r.json();
  const auto* errors = v.is_object() ? v.as_object().if_contains("errors") : nullptr;
  if (!errors || !errors->is_array()) return false;
  for (const auto& e : errors->as_array()) {
    if (str(e, "field") == field) return true;
  }
  return false;
}

std::optional<SmtpMessage> wait_for_invitation(SmtpSink& sink, const std::string& email) {
  std::string prefix = std::string(kTestPublicUrl) + "/invitations/";
  // Registration sends its own e-mail to the same address: pick the invitation.
  return sink.wait_for_message([&](const SmtpMessage& m) {
    return !m.to.empty() && m.to[0] == email && m.body().find(prefix) != std::string::npos;
  });
}

std::string invitation_token_for(SmtpSink& sink, const std::string& email) {
  auto msg = wait_for_invitation(sink, email);
  if (!msg) throw std::runtime_error("no invitation e-mail arrived for " + email);
  std::string body = msg->body();
  std::string prefix = std::string(kTestPublicUrl) + "/invitations/";
  auto start = body.find(prefix) + prefix.size();
  auto end = body.find_first_of(" \r\n", start);
  return body.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

void invite_and_accept(HttpClient& admin, SmtpSink& sink, const std::string& org_id,
                       const TestUser& user, HttpClient& as_user, const std::string& role) {
  auto r = admin.post("/api/v1/orgs/" + org_id + "/invitations",
                      boost::json::object{{"email", user.email}, {"role", role}});
  expect_status(r, 201, "POST invitation");
  std::string token = invitation_token_for(sink, user.email);
  expect_status(as_user.post("/api/v1/invitations/" + token + "/accept"), 200, "accept invitation");
}

std::string create_project(HttpClient& client, const std::string& org_id, const std::string& name,
                           const std::string& key) {
  auto r = client.post("/api/v1/orgs/" + org_id + "/projects",
                       boost::json::object{{"name", name}, {"key", key}});
  expect_status(r, 201, "POST project " + key);
  return str(r.json(), "id");
}

}  // namespace prism::testing
