#include "services/audit/audit_sentences.hpp"

#include <gtest/gtest.h>

#include <set>

#include "services/audit/audit_catalog.hpp"

namespace prism::services {
namespace {

AuditPerson ana() { return {"u-ana", "Ana Lopez", "ana@example.com"}; }
AuditPerson bo() { return {"u-bo", "Bo Chen", "bo@example.com"}; }

std::string sentence(std::string_view action, const json::object& details,
                     std::optional<AuditPerson> actor = ana(),
                     std::optional<AuditPerson> target = std::nullopt) {
  return audit_sentence(AuditFacts{action, &details, std::move(actor), std::move(target)});
}

// Details of the shape each action records, so every sentence of the
// catalogue is read once with everything it may name.
json::object sample_details() {
  return json::object{
      {"from", "admin"},
      {"to", "viewer"},
      {"role", "member"},
      {"email", "x@example.com"},
      {"name", "Apollo"},
      {"key", "APO"},
      {"title", "Checkout"},
      {"count", 2},
      {"provider", "openai"},
      {"model", "gpt-4o"},
      {"expires_at", "2030-01-01T00:00:00Z"},
      {"keys", 4},
      {"changes", true},
      {"decision", "request_changes"},
      {"retention_days", 30},
  };
}

TEST(AuditCatalog, EveryActionHasOneEntryWithALabelAndASentence) {
  std::set<std::string_view> codes;
  for (const auto& a : kAuditActions) {
    EXPECT_TRUE(codes.insert(a.code).second) << a.code << " is listed twice";
    EXPECT_NE(a.code.find('.'), std::string_view::npos) << a.code << " has no group";
    EXPECT_FALSE(a.label.empty()) << a.code;
    EXPECT_FALSE(a.sentence.empty()) << a.code;
    EXPECT_NE(a.sentence.find("{actor}"), std::string_view::npos)
        << a.code << ": a sentence says who acted (or whose account it was)";
    EXPECT_EQ(find_audit_action(a.code), &a);
  }
  EXPECT_EQ(find_audit_action("widget.created"), nullptr);
}

TEST(AuditCatalog, EverySentenceReadsWithoutCodesOrPlaceholders) {
  json::object details = sample_details();
  for (const auto& a : kAuditActions) {
    std::string s = sentence(a.code, details, ana(), bo());
    EXPECT_EQ(s.find('{'), std::string::npos) << a.code << ": " << s;
    EXPECT_EQ(s.find("(unknown)"), std::string::npos) << a.code << ": " << s;
    EXPECT_EQ(s.find(a.code), std::string::npos) << a.code << " shows its code: " << s;
    EXPECT_EQ(s.back(), '.') << a.code;
    EXPECT_NE(s.find("Ana Lopez"), std::string::npos) << a.code << ": " << s;
  }
}

TEST(AuditCatalog, CategoriesAreNamedAndKnown) {
  EXPECT_EQ(audit_category_of("member.role_changed"), "member");
  EXPECT_EQ(audit_category_label("member"), "Members");
  EXPECT_EQ(audit_category_label("ai_settings"), "AI provider");
  EXPECT_EQ(audit_category_label("widget_box"), "Widget box");
  EXPECT_TRUE(is_audit_category("invitation"));
  EXPECT_FALSE(is_audit_category("invitation.created"));
  EXPECT_FALSE(is_audit_category("nothing"));
  for (const auto& a : kAuditActions) {
    bool named = false;
    for (const auto& c : kAuditCategories) named = named || c.code == audit_category_of(a.code);
    EXPECT_TRUE(named) << a.code << " belongs to a group without a name in kAuditCategories";
  }
}

TEST(AuditSentences, NameTheActorAndTheTargetInWords) {
  EXPECT_EQ(sentence("member.role_changed", {{"from", "admin"}, {"to", "viewer"}}, ana(), bo()),
            "Ana Lopez changed Bo Chen's role from admin to viewer.");
  EXPECT_EQ(sentence("member.removed", {{"role", "viewer"}, {"left", false}}, ana(), bo()),
            "Ana Lopez removed Bo Chen (was viewer).");
  EXPECT_EQ(sentence("member.removed", {{"role", "viewer"}, {"left", true}}, bo(), bo()),
            "Bo Chen left the organization (was viewer).");
  EXPECT_EQ(sentence("invitation.created", {{"email", "eve@example.com"}, {"role", "member"}}),
            "Ana Lopez invited eve@example.com as member.");
  EXPECT_EQ(sentence("auth.name_changed", {{"from", "Ana"}, {"to", "Ana Lopez"}}),
            "Ana Lopez changed their name from \u201cAna\u201d to \u201cAna Lopez\u201d.");
}

TEST(AuditSentences, SayWhoWhenAPersonHasNoNameOrIsGone) {
  AuditPerson no_name{"u-x", std::string(), std::string("x@example.com")};
  AuditPerson gone{"u-y", std::nullopt, std::nullopt};
  EXPECT_EQ(sentence("auth.login", {}, no_name), "x@example.com signed in.");
  EXPECT_EQ(sentence("member.role_changed", {{"from", "member"}, {"to", "admin"}}, gone, no_name),
            "A deleted user changed x@example.com's role from member to admin.");
  EXPECT_EQ(sentence("ai_settings.key_resealed", {{"by", "command line"}}, std::nullopt),
            "An operator on the server's command line re-encrypted the organization's AI "
            "provider key with a new server key.");
  EXPECT_EQ(sentence("cache.rate_limits_cleared", {}, std::nullopt),
            "PRISM cleared the rate-limit counters.");
}

TEST(AuditSentences, ReadValuesDefaultsAndChanges) {
  EXPECT_EQ(sentence("document.status_changed", {{"from", "in_review"}, {"to", "approved"}}),
            "Ana Lopez moved a document from in review to approved.");
  EXPECT_EQ(
      sentence("project.updated", {{"name", json::object{{"from", "Apollo"}, {"to", "Artemis"}}},
                                   {"description", true}}),
      "Ana Lopez changed a project: name from \u201cApollo\u201d to \u201cArtemis\u201d, "
      "description.");
  EXPECT_EQ(
      sentence("org.updated", {{"monthly_budget_tokens", 5000}, {"monthly_budget_usd", nullptr}}),
      "Ana Lopez changed the organization: monthly budget tokens to 5000, monthly budget "
      "usd to none.");
  EXPECT_EQ(sentence("template.updated", {{"version", 3}}),
            "Ana Lopez changed a template: nothing visible changed.");
  EXPECT_EQ(sentence("auth.sessions_revoked", {{"count", 3}, {"reason", "password_changed"}}),
            "Ana Lopez was signed out of 3 session(s).");
}

TEST(AuditSentences, SayWhenAChangeCameThroughAnotherChannel) {
  EXPECT_EQ(sentence("story.status_changed", {{"from", "todo"}, {"to", "done"}, {"via", "mcp"}}),
            "Ana Lopez moved a story from todo to done (through MCP).");
  EXPECT_EQ(sentence("project.updated", {{"description", true}, {"via", "mcp"}}),
            "Ana Lopez changed a project: description (through MCP).");
}

TEST(AuditSentences, AnUnknownActionStillReadsAsASentence) {
  EXPECT_EQ(sentence("widget.created", {}), "Ana Lopez: widget.created.");
  EXPECT_EQ(audit_sentence(AuditFacts{"auth.login", nullptr, ana(), std::nullopt}),
            "Ana Lopez signed in.");
}

}  // namespace
}  // namespace prism::services
