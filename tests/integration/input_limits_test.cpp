// Over-long input is refused, never cut: for every text field a person types
// into, one character over its limit answers 422 naming the field (and
// changes nothing), and exactly the limit is accepted and stored whole.
// Limits count characters, not bytes: the values are made of a two-byte
// character, so a server counting bytes or cutting silently fails here.
#include <gtest/gtest.h>

#include <functional>

#include "support/api_helpers.hpp"
#include "support/email_confirmation.hpp"
#include "support/http_client.hpp"
#include "support/org_helpers.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::has_error_for;
using testing::str;

std::string chars(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += "\u00e9";
  return out;
}

// One field: how to send a value (returning the response) and where the
// stored value is read back from (the response of a read, or of the write
// itself when `read` is unset).
struct Limited {
  std::string what;   // e.g. "POST /projects name"
  std::string field;  // as the 422 names it
  std::size_t limit;
  std::function<testing::HttpResponse(const std::string& value)> send;
  std::function<std::string(const testing::HttpResponse& written)> stored;
};

class InputLimitsTest : public testing::OrgApiTest {
 protected:
  void SetUp() override {
    std::tie(owner, oc) = user("limits");
    // Personal tokens and generations need a confirmed address.
    testing::confirm_email(*oc, *sink_, owner.email);
    project = testing::create_project(*oc, owner.org_id, "Limits", "LIM");
    auto doc = oc->post("/api/v1/projects/" + project + "/documents",
                        json::object{{"title", "Doc"}, {"content", "## A\n\nB\n"}});
    testing::expect_status(doc, 201, "create document");
    document = str(doc.json(), "id");
  }

  // Sends limit + 1 characters (422, nothing stored), then exactly the limit
  // (stored whole).
  void check(const Limited& f) {
    SCOPED_TRACE(f.what);
    auto over = f.send(chars(f.limit + 1));
    EXPECT_EQ(over.status, 422) << over.body;
    EXPECT_TRUE(has_error_for(over, f.field)) << over.body;
    EXPECT_NE(over.body.find(std::to_string(f.limit)), std::string::npos)
        << "the 422 states the limit: " << over.body;
    auto at = f.send(chars(f.limit));
    ASSERT_GE(at.status, 200) << at.body;
    ASSERT_LT(at.status, 300) << at.body;
    EXPECT_EQ(f.stored(at), chars(f.limit)) << "stored value differs (cut?)";
  }

  static std::string at(const testing::HttpResponse& r, const char* field) {
    return str(r.json(), field);
  }

  testing::TestUser owner;
  std::unique_ptr<testing::HttpClient> oc;
  std::string project, document;
  int counter = 0;
};

TEST_F(InputLimitsTest, OrganizationProjectAndAccountNames) {
  std::string org = "/api/v1/orgs/" + owner.org_id;
  check({"PATCH /orgs/{org} name", "name", 100,
         [&](const std::string& v) {
           return oc->patch(org, json::object{{"name", v}});
         },
         [&](const testing::HttpResponse&) { return at(oc->get(org), "name"); }});
  check({"POST /orgs name", "name", 100,
         [&](const std::string& v) {
           return oc->post("/api/v1/orgs", json::object{{"name", v}});
         },
         [&](const testing::HttpResponse& r) { return at(r, "name"); }});
  check({"POST /orgs/{org}/projects name", "name", 100,
         [&](const std::string& v) {
           return oc->post(org + "/projects",
                           json::object{{"name", v}, {"key", "N" + std::to_string(++counter)}});
         },
         [&](const testing::HttpResponse& r) { return at(r, "name"); }});
  check({"PATCH /projects/{id} description", "description", 5000,
         [&](const std::string& v) {
           return oc->patch("/api/v1/projects/" + project, json::object{{"description", v}});
         },
         [&](const testing::HttpResponse&) {
           return at(oc->get("/api/v1/projects/" + project), "description");
         }});
  check({"PATCH /auth/me name", "name", 100,
         [&](const std::string& v) {
           return oc->patch("/api/v1/auth/me", json::object{{"name", v}});
         },
         [&](const testing::HttpResponse&) {
           return str(oc->get("/api/v1/auth/me").json().at("user"), "name");
         }});
  check({"POST /auth/tokens name", "name", 100,
         [&](const std::string& v) {
           return oc->post("/api/v1/auth/tokens", json::object{{"name", v}});
         },
         [&](const testing::HttpResponse& r) { return at(r, "name"); }});
  check({"POST /auth/register name", "name", 100,
         [&](const std::string& v) {
           return anonymous_client()->post(
               "/api/v1/auth/register", json::object{{"email", testing::unique_email("long-name")},
                                                     {"password", testing::strong_password()},
                                                     {"name", v}});
         },
         [&](const testing::HttpResponse& r) { return str(r.json().at("user"), "name"); }});
}

TEST_F(InputLimitsTest, DocumentAndStoryText) {
  check(
      {"POST /projects/{id}/documents title", "title", 200,
       [&](const std::string& v) {
         return oc->post("/api/v1/projects/" + project + "/documents", json::object{{"title", v}});
       },
       [&](const testing::HttpResponse& r) { return at(r, "title"); }});
  int version = 1;
  check({"PATCH /documents/{id} title", "title", 200,
         [&](const std::string& v) {
           auto r = oc->patch("/api/v1/documents/" + document, json::object{{"title", v}},
                              {{"If-Match", "\"" + std::to_string(version) + "\""}});
           if (r.status == 200) ++version;
           return r;
         },
         [&](const testing::HttpResponse&) {
           return at(oc->get("/api/v1/documents/" + document), "title");
         }});
  std::string stories = "/api/v1/projects/" + project + "/stories";
  check({"POST stories title", "title", 200,
         [&](const std::string& v) {
           return oc->post(stories, json::object{{"title", v}});
         },
         [&](const testing::HttpResponse& r) { return at(r, "title"); }});
  for (const char* field : {"as_a", "i_want", "so_that"}) {
    check({std::string("POST stories ") + field, field, 1000,
           [&](const std::string& v) {
             return oc->post(stories, json::object{{"title", "Story"}, {field, v}});
           },
           [&](const testing::HttpResponse& r) { return at(r, field); }});
  }
  check({"POST stories acceptance_criteria[0]", "acceptance_criteria[0]", 1000,
         [&](const std::string& v) {
           return oc->post(
               stories, json::object{{"title", "Story"}, {"acceptance_criteria", json::array{v}}});
         },
         [&](const testing::HttpResponse& r) {
           return std::string(r.json().at("acceptance_criteria").at(0).as_string());
         }});
}

TEST_F(InputLimitsTest, TemplatesAndGenerationBriefs) {
  std::string templates = "/api/v1/orgs/" + owner.org_id + "/templates";
  auto sections = json::array{json::object{{"title", "Goals"}}};
  check({"POST templates name", "name", 100,
         [&](const std::string& v) {
           return oc->post(templates, json::object{{"name", v}, {"sections", sections}});
         },
         [&](const testing::HttpResponse& r) { return at(r, "name"); }});
  check({"POST templates description", "description", 2000,
         [&](const std::string& v) {
           return oc->post(templates, json::object{{"name", "T" + std::to_string(++counter)},
                                                   {"description", v},
                                                   {"sections", sections}});
         },
         [&](const testing::HttpResponse& r) { return at(r, "description"); }});

  // A brief is stored with its generation as sent.
  auto prd = [&](const char* field, const std::string& v) {
    json::object input{{"product_name", "P"}, {"description", "D"}};
    input[field] = v;
    return oc->post("/api/v1/projects/" + project + "/generations",
                    json::object{{"kind", "prd"}, {"input", input}, {"cache", false}});
  };
  auto brief = [&](const char* field) {
    return [&, field](const testing::HttpResponse& r) {
      auto g = oc->get("/api/v1/generations/" + str(r.json(), "id"));
      return str(g.json().at("input"), field);
    };
  };
  check({"prd product_name", "input.product_name", 200,
         [&](const std::string& v) { return prd("product_name", v); }, brief("product_name")});
  check({"prd target_audience", "input.target_audience", 2000,
         [&](const std::string& v) { return prd("target_audience", v); },
         brief("target_audience")});
}

TEST_F(InputLimitsTest, TemplateSectionsAndBriefItems) {
  std::string templates = "/api/v1/orgs/" + owner.org_id + "/templates";
  auto with_section = [&](json::object section) {
    return oc->post(templates, json::object{{"name", "S" + std::to_string(++counter)},
                                            {"sections", json::array{std::move(section)}}});
  };
  auto section_field = [](const char* field) {
    return [field](const testing::HttpResponse& r) {
      return str(r.json().at("sections").at(0), field);
    };
  };
  check({"POST templates sections[0].title", "sections[0].title", 200,
         [&](const std::string& v) {
           return with_section(json::object{{"title", v}});
         },
         section_field("title")});
  check({"POST templates sections[0].guidance", "sections[0].guidance", 2000,
         [&](const std::string& v) {
           return with_section(json::object{{"title", "Goals"}, {"guidance", v}});
         },
         section_field("guidance")});
  auto made = oc->post(
      templates,
      json::object{{"name", "Renamed"}, {"sections", json::array{json::object{{"title", "A"}}}}});
  testing::expect_status(made, 201, "template");
  std::string path = "/api/v1/templates/" + str(made.json(), "id");
  int version = 1;
  check({"PATCH /templates/{id} name", "name", 100,
         [&](const std::string& v) {
           auto r = oc->patch(path, json::object{{"name", v}},
                              {{"If-Match", "\"" + std::to_string(version) + "\""}});
           if (r.status == 200) ++version;
           return r;
         },
         [&](const testing::HttpResponse&) { return at(oc->get(path), "name"); }});

  for (const char* field : {"key_features", "constraints"}) {
    check({std::string("prd ") + field + "[0]", std::string("input.") + field + "[0]", 1000,
           [&](const std::string& v) {
             json::object input{{"product_name", "P"}, {"description", "D"}};
             input[field] = json::array{json::string(v)};
             return oc->post("/api/v1/projects/" + project + "/generations",
                             json::object{{"kind", "prd"}, {"input", input}, {"cache", false}});
           },
           [&](const testing::HttpResponse& r) {
             auto g = oc->get("/api/v1/generations/" + str(r.json(), "id"));
             return std::string(g.json().at("input").at(field).at(0).as_string());
           }});
  }
}

TEST_F(InputLimitsTest, CommentsReviewsAndSearch) {
  std::string comments = "/api/v1/documents/" + document + "/comments";
  check({"POST comments body", "body", 10000,
         [&](const std::string& v) {
           return oc->post(comments, json::object{{"body", v}});
         },
         [&](const testing::HttpResponse& r) { return at(r, "body"); }});
  std::string thread = str(oc->post(comments, json::object{{"body", "Edit me"}}).json(), "id");
  check({"PATCH /comments/{id} body", "body", 10000,
         [&](const std::string& v) {
           return oc->patch("/api/v1/comments/" + thread, json::object{{"body", v}});
         },
         [&](const testing::HttpResponse& r) { return at(r, "body"); }});

  // A review's comment: a member reviews the owner's document.
  auto [reviewer, rc] = user("limits-reviewer");
  testing::invite_and_accept(*oc, *sink_, owner.org_id, reviewer, *rc, "member");
  testing::expect_status(
      oc->post("/api/v1/documents/" + document + "/review-requests",
               json::object{{"reviewers", json::array{json::string(reviewer.user_id)}}}),
      200, "request review");
  check({"POST reviews body", "body", 10000,
         [&](const std::string& v) {
           return rc->post("/api/v1/documents/" + document + "/reviews",
                           json::object{{"decision", "request_changes"}, {"body", v}});
         },
         [&](const testing::HttpResponse& r) {
           const auto& reviews = r.json().at("reviews").as_array();
           return reviews.empty() ? std::string() : str(reviews.back(), "body");
         }});

  // Search text is not stored: over the limit is refused, the limit is searched.
  std::string search = "/api/v1/orgs/" + owner.org_id + "/search?q=";
  auto encoded = [](std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += "%C3%A9";
    return out;
  };
  auto over = oc->get(search + encoded(201));
  EXPECT_EQ(over.status, 422) << over.body;
  EXPECT_TRUE(has_error_for(over, "q")) << over.body;
  EXPECT_NE(over.body.find("200"), std::string::npos) << over.body;
  EXPECT_EQ(oc->get(search + encoded(200)).status, 200);
}

}  // namespace
}  // namespace prism
