// Section rewrites by the offline template: the edits it can make by rule,
// and an unchanged section with a plain note for everything else.
#include <gtest/gtest.h>

#include "ai/prompts.hpp"
#include "ai/template/template_provider.hpp"

namespace prism::ai {
namespace {

constexpr std::string_view kDocument =
    "## Personas\n\n### Small shop owners\n\n"
    "## Functional Requirements\n\n- FR-1: Pay by QR code\n- FR-2: Refunds\n\n"
    "## Non-Functional Requirements\n\n- NFR-1: PCI DSS\n";

std::string rewrite(std::string_view title, std::string_view current,
                    std::string_view instruction) {
  return TemplateProvider::compose(
      section_request(SectionInput{kDocument, title, current, instruction}, ModelLimits{}).task);
}

TEST(TemplateSection, TurnsProseIntoABulletList) {
  EXPECT_EQ(rewrite("Problem", "Shops lose sales.  Card fees are high.\nQueues are long.\n\n",
                    "Turn this into a bullet list"),
            "- Shops lose sales.\n- Card fees are high.\n- Queues are long.\n");
}

TEST(TemplateSection, NumbersRequirementsAfterTheHighestIdInTheDocument) {
  EXPECT_EQ(rewrite("Functional Requirements",
                    "- FR-1: Pay by QR code\n- FR-2: Refunds\n- Export sales as CSV\n"
                    "* Email receipts\n",
                    "Number the requirements"),
            "- FR-1: Pay by QR code\n- FR-2: Refunds\n- FR-3: Export sales as CSV\n"
            "- FR-4: Email receipts\n");
  // Prose in a requirements section is listed first, then numbered.
  EXPECT_EQ(rewrite("Non-Functional Requirements", "Pages load in 1 s. Data stays in the EU.",
                    "add NFR ids"),
            "- NFR-2: Pages load in 1 s.\n- NFR-3: Data stays in the EU.\n");
}

TEST(TemplateSection, AddsMeasurableTargetsWhereThereAreNone) {
  EXPECT_EQ(
      rewrite("Functional Requirements", "- FR-1: Pay by QR code\n- FR-2: Refunds in 2 days\n",
              "Make every requirement measurable"),
      "- FR-1: Pay by QR code. Target: [N]% of payments succeed on the first attempt; "
      "confirmation appears within [N] seconds (p95).\n- FR-2: Refunds in 2 days\n");
  auto goals =
      section_request(SectionInput{"## Goals\nBe fast\n", "Goals", "Be fast  \n\n\n\nAnd cheap\n",
                                   "Make every goal measurable"},
                      ModelLimits{});
  EXPECT_EQ(TemplateProvider::compose(goals.task),
            "- Be fast. Target: [N] [unit], measured by [how].\n\n"
            "- And cheap. Target: [N] [unit], measured by [how].\n");
}

TEST(TemplateSection, AddsAcceptanceCriteriaForTheDocumentsPersona) {
  EXPECT_EQ(rewrite("Functional Requirements", "- FR-1: Pay by QR code\n- FR-2: Refunds\n",
                    "Add acceptance criteria"),
            "- FR-1: Pay by QR code\n"
            "  - Given I am a small shop owner, when I pay by QR code, then the payment is "
            "confirmed on screen within [N] seconds and a receipt is sent.\n"
            "- FR-2: Refunds\n"
            "  - Given I am a small shop owner, when I use refunds, then the refund is recorded "
            "and the customer is told when the money will arrive.\n");
  // Items that already have criteria keep them.
  std::string done = "- FR-1: Pay by QR code\n  - Given a shopper, when they scan, then paid\n";
  EXPECT_EQ(rewrite("Functional Requirements", done, "Add acceptance criteria"),
            "> Note (offline template): the offline template could not apply \"Add acceptance "
            "criteria\": every item already has acceptance criteria. The section is unchanged; "
            "an AI provider can rewrite it.\n\n" +
                done);
}

TEST(TemplateSection, ShortensParagraphsToTheirFirstSentence) {
  EXPECT_EQ(
      rewrite("Overview", "QuickPay takes QR payments. It is cheap. It is safe.\n\n- Keep me\n",
              "Make it shorter"),
      "QuickPay takes QR payments.\n\n- Keep me\n");
}

TEST(TemplateSection, LeavesOtherInstructionsToAnAiProviderAndSaysSo) {
  auto out = rewrite("Problem", "Shops lose sales.\n", "Make it sound more persuasive");
  EXPECT_EQ(out,
            "> Note (offline template): \"Make it sound more persuasive\" needs an AI provider. "
            "Without one, PRISM can only turn the text into a bullet list, number requirements, "
            "add targets, add acceptance criteria or shorten paragraphs; the section is "
            "unchanged.\n\nShops lose sales.\n");
  // Asking again does not pile up notes.
  EXPECT_EQ(rewrite("Problem", out, "Make it sound more persuasive"), out);
  EXPECT_EQ(rewrite("Problem", "Shops lose sales.\n", ""),
            "> Note (offline template): no change was asked for, so the section is "
            "unchanged.\n\nShops lose sales.\n");
}

TEST(TemplateSection, SaysWhatItCouldNotApply) {
  auto out =
      rewrite("Problem", "Shops lose sales. Queues are long.\n", "Number these and list them");
  EXPECT_EQ(out,
            "> Note (offline template): not applied: requirement ids (this section holds no FR, "
            "NFR or SM requirements).\n\n- Shops lose sales.\n- Queues are long.\n");
  // Notes from the old template (before rewrites were made) are dropped too.
  EXPECT_EQ(rewrite("Problem",
                    "> Requested change: x\n> To complete: apply this change by hand; the offline "
                    "template does not rewrite text.\n\nShops lose sales.\n",
                    "bullet list"),
            "- Shops lose sales.\n");
}

TEST(TemplateSection, IsDeterministic) {
  auto task =
      section_request(SectionInput{kDocument, "Functional Requirements", "- Pay\n- Refund\n",
                                   "number and add acceptance criteria"},
                      ModelLimits{})
          .task;
  EXPECT_EQ(TemplateProvider::compose(task), TemplateProvider::compose(task));
}

}  // namespace
}  // namespace prism::ai
