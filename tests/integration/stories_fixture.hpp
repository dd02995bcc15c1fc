#pragma once

// One server for the stories suites and per-test users, projects and stories.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "support/api_helpers.hpp"
#include "support/http_client.hpp"
#include "support/org_helpers.hpp"

namespace prism::testing {

namespace json = boost::json;

class StoriesTest : public OrgApiTest {
 protected:
  struct Setup {
    TestUser owner;
    std::unique_ptr<HttpClient> client;
    std::string project;
    std::string document;
  };

  Setup setup(const std::string& prefix, const std::string& key = "CHK") {
    auto [u, c] = user(prefix);
    Setup s{u, std::move(c), "", ""};
    s.project = create_project(*s.client, u.org_id, "Checkout", key);
    auto d = s.client->post("/api/v1/projects/" + s.project + "/documents",
                            json::object{{"title", "PRD"}, {"content", "## Goals\n\nShip.\n"}});
    expect_status(d, 201, "create document");
    s.document = str(d.json(), "id");
    return s;
  }

  static std::string stories_of(const std::string& project) {
    return "/api/v1/projects/" + project + "/stories";
  }

  static std::string create(HttpClient& c, const std::string& project, json::object body) {
    auto r = c.post(stories_of(project), body);
    expect_status(r, 201, "create story");
    return str(r.json(), "id");
  }

  static json::object full_story() {
    return json::object{
        {"title", "Pay by card"},
        {"as_a", "shopper"},
        {"i_want", "to pay by card"},
        {"so_that", "I finish quickly"},
        {"acceptance_criteria", json::array{"Given a cart, When I pay, Then I see \"Paid\"",
                                            "Given a declined card When I pay Then I see why"}},
        {"points", 5},
        {"priority", "critical"},
        {"status", "todo"},
        {"requirement_ref", "fr-12"}};
  }
};

}  // namespace prism::testing
