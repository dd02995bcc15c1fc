// Users' own account: changing their name (validated, never shortened,
// audited) and asking for the verification e-mail again (the same answer for
// every address, a new link for an unconfirmed one, a few per hour).
#include <gtest/gtest.h>

#include <set>

#include "support/api_helpers.hpp"
#include "support/email_confirmation.hpp"
#include "support/http_client.hpp"
#include "support/org_helpers.hpp"
#include "support/smtp_sink.hpp"

namespace prism {
namespace {

namespace json = boost::json;
using testing::expect_error;
using testing::has_error_for;
using testing::str;

class AccountProfileTest : public testing::OrgApiTest {
 protected:
  // Verification e-mails to `email` so far, waiting until there are at
  // least `at_least`.
  static std::vector<std::string> verification_links(const std::string& email,
                                                     std::size_t at_least) {
    auto is_verification = [&](const testing::SmtpMessage& m) {
      return !m.to.empty() && m.to[0] == email &&
             m.body().find("/verify-email?token=") != std::string::npos;
    };
    std::set<std::string> seen;
    sink_->wait_for_message([&](const testing::SmtpMessage& m) {
      return is_verification(m) && seen.insert(m.data).second && seen.size() >= at_least;
    });
    std::vector<std::string> out;
    for (const auto& m : sink_->messages()) {
      if (!is_verification(m)) continue;
      std::string body = m.body();
      auto start = body.find("token=") + 6;
      out.push_back(body.substr(start, body.find_first_of(" \r\n", start) - start));
    }
    return out;
  }
};

TEST_F(AccountProfileTest, UsersChangeTheirOwnNameWithinTheLimit) {
  auto [me, client] = user("rename");
  auto renamed = client->patch("/api/v1/auth/me", json::object{{"name", "  Ada Lovelace  "}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(str(renamed.json().at("user"), "name"), "Ada Lovelace");
  EXPECT_EQ(renamed.json().at("memberships").as_array().size(), 1u);
  EXPECT_EQ(str(client->get("/api/v1/auth/me").json().at("user"), "name"), "Ada Lovelace");

  // Audited in the user's organization, as a sentence.
  auto log = client->get("/api/v1/orgs/" + me.org_id + "/audit?action=auth.name_changed");
  ASSERT_EQ(log.status, 200) << log.body;
  auto entries = log.json().at("items").as_array();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(str(entries.at(0).at("details"), "from"), "Test User");
  EXPECT_EQ(str(entries.at(0), "summary"),
            "Ada Lovelace changed their name from \u201cTest User\u201d to \u201cAda "
            "Lovelace\u201d.");

  // 100 characters (two bytes each) are fine and kept whole; 101 are refused, not cut.
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += "\u00e9";
  auto at_limit = client->patch("/api/v1/auth/me", json::object{{"name", hundred}});
  ASSERT_EQ(at_limit.status, 200) << at_limit.body;
  EXPECT_EQ(str(at_limit.json().at("user"), "name"), hundred);
  auto too_long = client->patch("/api/v1/auth/me", json::object{{"name", hundred + "x"}});
  expect_error(too_long, 422, "validation_failed");
  EXPECT_TRUE(has_error_for(too_long, "name"));
  EXPECT_NE(too_long.body.find("100"), std::string::npos) << too_long.body;
  expect_error(client->patch("/api/v1/auth/me", json::object{{"name", "   "}}), 422);
  expect_error(client->patch("/api/v1/auth/me", json::object{{"name", 7}}), 422);
  expect_error(client->patch("/api/v1/auth/me", json::object{{"name", "A"}, {"email", "x@y.z"}}),
               422);
  EXPECT_EQ(str(client->get("/api/v1/auth/me").json().at("user"), "name"), hundred);
  expect_error(anonymous_client()->patch("/api/v1/auth/me", json::object{{"name", "Nobody"}}), 401);

  // The same name again changes nothing and records nothing.
  ASSERT_EQ(client->patch("/api/v1/auth/me", json::object{{"name", hundred}}).status, 200);
  auto again = client->get("/api/v1/orgs/" + me.org_id + "/audit?action=auth.name_changed");
  EXPECT_EQ(again.json().at("items").as_array().size(), 2u);
}

TEST_F(AccountProfileTest, TheVerificationEmailCanBeSentAgain) {
  auto [unconfirmed, uc] = user("unconfirmed");
  auto [confirmed, cc] = user("confirmed");
  testing::confirm_email(*cc, *sink_, confirmed.email);
  std::string first = verification_links(unconfirmed.email, 1).at(0);

  auto anon = anonymous_client();
  // One answer for every well-formed address: unknown, confirmed, unconfirmed.
  for (const auto& email : {testing::unique_email("nobody"), confirmed.email, unconfirmed.email}) {
    auto r = anon->post("/api/v1/auth/verify-email/resend", json::object{{"email", email}});
    EXPECT_EQ(r.status, 202) << email << ": " << r.body;
    EXPECT_FALSE(str(r.json(), "message").empty());
  }
  expect_error(anon->post("/api/v1/auth/verify-email/resend", json::object{{"email", "nope"}}),
               422);

  auto links = verification_links(unconfirmed.email, 2);
  ASSERT_EQ(links.size(), 2u);
  // The e-mails go out in order on one queue: the unconfirmed address's
  // came after the confirmed one's request, which therefore sent nothing.
  EXPECT_EQ(verification_links(confirmed.email, 1).size(), 1u);
  // Only the newest link works.
  expect_error(anon->post("/api/v1/auth/verify-email", json::object{{"token", first}}), 410);
  EXPECT_EQ(anon->post("/api/v1/auth/verify-email", json::object{{"token", links[1]}}).status, 204);
  EXPECT_TRUE(uc->get("/api/v1/auth/me").json().at("user").at("email_verified").as_bool());
}

TEST_F(AccountProfileTest, AnAccountGetsAFewVerificationEmailsAnHour) {
  auto [u, uc] = user("many-resends");
  auto [marker, mc] = user("marker");
  auto anon = anonymous_client();
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(
        anon->post("/api/v1/auth/verify-email/resend", json::object{{"email", u.email}}).status,
        202);
  }
  // A later request for another address is handled after all four.
  ASSERT_EQ(
      anon->post("/api/v1/auth/verify-email/resend", json::object{{"email", marker.email}}).status,
      202);
  verification_links(marker.email, 2);
  // Registration's own e-mail plus three sent again.
  EXPECT_EQ(verification_links(u.email, 1).size(), 4u);
}

}  // namespace
}  // namespace prism
