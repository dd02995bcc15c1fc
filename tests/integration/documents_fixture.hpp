#pragma once

// One server for the documents suites (with an SMTP sink, to join users to an
// organization by invitation) and per-test users, projects and documents.

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <regex>
#include <string>

#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/smtp_sink.hpp"
#include "support/email_confirmation.hpp"

namespace prism::testing {

namespace json = boost::json;

class DocumentsApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sink_ = std::make_unique<SmtpSink>();
    // Bodies may exceed 1 MiB so that the documents' own 1 MiB cap is what answers.
    server_ = std::make_unique<ServerProcess>(
        EnvVars{{"SMTP_URL", sink_->url()}});
  }
  static void TearDownTestSuite() {
    server_.reset();
    sink_.reset();
  }

  void SetUp() override {
    owner_client_ = client();
    owner_ = register_user(*owner_client_, "docs-owner", "Docs Org");
    // With SMTP configured, only accounts that confirmed their e-mail may
    // start AI generations; the fixture's users do, as real users would.
    confirm_email(*owner_client_, *sink_, owner_.email);
    auto p = owner_client_->post("/api/v1/orgs/" + owner_.org_id + "/projects",
                                 json::object{{"name", "Checkout"}, {"key", "CHK"}});
    expect_status(p, 201, "create project");
    project_ = std::string(p.json().at("id").as_string());
  }

  std::unique_ptr<HttpClient> client() {
    return std::make_unique<HttpClient>(server_->base_url());
  }
  HttpClient& owner() { return *owner_client_; }

  std::string documents_path() const { return "/api/v1/projects/" + project_ + "/documents"; }

  // Creates a document as the owner and returns its id.
  std::string create_document(const std::string& title, const std::string& content) {
    auto r = owner().post(documents_path(),
                          json::object{{"title", title}, {"content", content}});
    expect_status(r, 201, "create document");
    return std::string(r.json().at("id").as_string());
  }

  // A new user who joined the owner's organization with `role` by invitation.
  std::unique_ptr<HttpClient> join_as(const std::string& role, TestUser* user_out = nullptr) {
    auto c = client();
    TestUser u = register_user(*c, "docs-" + role, "Own Org");
    confirm_email(*c, *sink_, u.email);
    auto inv = owner().post("/api/v1/orgs/" + owner_.org_id + "/invitations",
                            json::object{{"email", u.email}, {"role", role}});
    expect_status(inv, 201, "invite");
    // Registration also mails a verification link to the same address, in the
    // background: wait for the message that carries the invitation.
    auto mail = sink_->wait_for_message([&](const SmtpMessage& m) {
      return !m.to.empty() && m.to[0] == u.email &&
             m.body().find("/invitations/") != std::string::npos;
    });
    if (!mail) throw std::runtime_error("no invitation e-mail for " + u.email);
    std::smatch m;
    std::string body = mail->body();
    if (!std::regex_search(body, m, std::regex("/invitations/([A-Za-z0-9_-]+)"))) {
      throw std::runtime_error("no invitation link in: " + body);
    }
    expect_status(c->post("/api/v1/invitations/" + m[1].str() + "/accept"), 200, "accept");
    if (user_out) *user_out = u;
    return c;
  }

  // The first e-mail to `email` whose subject contains `subject_part`.
  std::optional<SmtpMessage> mail_to(const std::string& email, const std::string& subject_part) {
    return sink_->wait_for_message([&](const SmtpMessage& m) {
      return !m.to.empty() && m.to[0] == email &&
             m.decoded_header("Subject").find(subject_part) != std::string::npos;
    });
  }

  static std::string code_of(const HttpResponse& r) {
    auto v = r.json();
    return v.is_object() && v.as_object().contains("code")
               ? std::string(v.at("code").as_string())
               : std::string();
  }

  static inline std::unique_ptr<SmtpSink> sink_;
  static inline std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> owner_client_;
  TestUser owner_;
  std::string project_;
};

}  // namespace prism::testing
