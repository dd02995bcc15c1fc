#pragma once

// Three people of one organization and a PRD of the owner's: the owner, a
// member and a viewer who joined by invitation, for the comment and review
// suites.

#include <memory>
#include <string>

#include "documents_fixture.hpp"

namespace prism::testing {

inline constexpr const char* kCollaborationPrd =
    "## Goals\n\nShip the checkout.\n\n## Functional Requirements\n\n- FR-1: Pay by QR code.\n";

class CollaborationFixture : public DocumentsApiTest {
 protected:
  void SetUp() override {
    DocumentsApiTest::SetUp();
    member_client_ = join_as("member", &member_);
    viewer_client_ = join_as("viewer", &viewer_);
    doc_ = create_document("Checkout PRD", kCollaborationPrd);
  }

  HttpClient& member() { return *member_client_; }
  HttpClient& viewer() { return *viewer_client_; }
  std::string reviews_path() const { return "/api/v1/documents/" + doc_ + "/reviews"; }

  std::unique_ptr<HttpClient> member_client_, viewer_client_;
  TestUser member_, viewer_;
  std::string doc_;
};

}  // namespace prism::testing
