// The phrasing helpers the offline template builds its sentences with.
#include "ai/template/template_text.hpp"

#include <gtest/gtest.h>

namespace prism::ai::template_text {
namespace {

TEST(TemplateText, OneOfAGroup) {
  EXPECT_EQ(one_of("Returning shoppers on mobile"), "returning shopper on mobile");
  EXPECT_EQ(one_of("small shop owners."), "small shop owner");
  EXPECT_EQ(one_of("The marketing team"), "marketing team");
  EXPECT_EQ(one_of("Designers, developers and PMs"), "designer");
  EXPECT_EQ(one_of("Owners of bakeries and cafes"), "owner of bakeries");
  EXPECT_EQ(one_of("Small companies"), "small company");
  EXPECT_EQ(one_of("Coaches who train teams"), "coach who train teams");
  EXPECT_EQ(one_of("People with a disability"), "person with a disability");
  EXPECT_EQ(one_of("HR managers"), "HR manager");
  EXPECT_EQ(one_of("Clinic staff"), "clinic staff member");
}

TEST(TemplateText, Articles) {
  EXPECT_EQ(with_article("user"), "a user");
  EXPECT_EQ(with_article("owner of bakeries"), "an owner of bakeries");
  EXPECT_EQ(with_article("HR manager"), "an HR manager");
  EXPECT_EQ(with_article("UX designer"), "a UX designer");
  EXPECT_EQ(with_article("hourly worker"), "an hourly worker");
  EXPECT_EQ(with_article("one-person business"), "a one-person business");
}

TEST(TemplateText, ListsAndRanges) {
  EXPECT_EQ(join_and({"a"}), "a");
  EXPECT_EQ(join_and({"a", "b"}), "a and b");
  EXPECT_EQ(join_and({"a", "b", "c"}), "a, b and c");
  EXPECT_EQ(id_range("FR", 1), "FR-1");
  EXPECT_EQ(id_range("FR", 2), "FR-1 and FR-2");
  EXPECT_EQ(id_range("NFR", 4), "NFR-1 to NFR-4");
  EXPECT_EQ(lower_first("PDF export"), "PDF export");
  EXPECT_EQ(lower_first("Refunds"), "refunds");
  EXPECT_EQ(lower_first("iOS app"), "iOS app");
  EXPECT_EQ(sentence("Hello"), "Hello.");
  EXPECT_EQ(sentence("Why?"), "Why?");
  EXPECT_TRUE(is_phrase("Returning shoppers on mobile."));
  EXPECT_FALSE(is_phrase("Shop owners. They run one till."));
}

TEST(TemplateText, ActionsAndThings) {
  struct Case {
    const char* feature;
    const char* want;
    const char* action;
    const char* category;
  };
  for (const auto& c : std::initializer_list<Case>{
           {"Pay with a saved card", "to pay with a saved card", "pay with a saved card",
            "payment"},
           {"Refunds", "refunds", "use refunds", "refund"},
           {"Order history", "order history", "use order history", "insight"},
           {"Email receipts", "email receipts", "use email receipts", "notify"},
           {"Export sales as CSV", "to export sales as CSV", "export sales as CSV", "export"},
           {"Search bar", "search bar", "use search bar", "search"},
           {"Users can reset their password", "to reset their password", "reset their password",
            "account"},
           {"Allow admins to invite staff", "to invite staff", "invite staff", "share"},
           {"Editing addresses inline", "to edit addresses inline", "edit addresses inline",
            "edit"},
           {"Dark mode", "dark mode", "use dark mode", "general"},
       }) {
    auto cap = capability(c.feature);
    EXPECT_EQ(cap.want, c.want) << c.feature;
    EXPECT_EQ(cap.action, c.action) << c.feature;
    EXPECT_EQ(cap.category->name, c.category) << c.feature;
  }
  EXPECT_EQ(capability("Shoppers pay by card", {"shopper", "shoppers"}).want, "to pay by card");
}

TEST(TemplateText, ConstraintKinds) {
  EXPECT_EQ(constraint_kind("PCI DSS compliant"), "security");
  EXPECT_EQ(constraint_kind("GDPR: data stays in the EU"), "privacy");
  EXPECT_EQ(constraint_kind("Pages load in under 1 second on 4G"), "performance");
  EXPECT_EQ(constraint_kind("WCAG 2.2 AA"), "accessibility");
  EXPECT_EQ(constraint_kind("Budget of 20k"), "cost");
  EXPECT_EQ(constraint_kind("Launch before Christmas"), "");
}

}  // namespace
}  // namespace prism::ai::template_text
