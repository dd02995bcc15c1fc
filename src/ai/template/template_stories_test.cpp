// The offline template's user stories: the count asked for when the
// document allows it, fewer with a note when it does not, real benefits,
// Given/When/Then criteria and a trace to the requirement.
#include <gtest/gtest.h>

#include <set>

#include "ai/prompts.hpp"
#include "ai/structured.hpp"
#include "ai/template/template_provider.hpp"
#include "ai/templates.hpp"
#include "core/text.hpp"

namespace prism::ai {
namespace {

PrdInput brief(std::size_t features, std::string audience = "Small shop owners") {
  std::vector<std::string> all{"Pay by QR code",      "Refunds",
                               "Export sales as CSV", "Email receipts",
                               "Search past orders",  "Edit the shop profile",
                               "Invite staff members"};
  all.resize(std::min(features, all.size()));
  return PrdInput{"QuickPay",
                  "Card-free payments for small shops by QR code.",
                  std::move(audience),
                  all,
                  {"PCI DSS"}};
}

std::string prd(const PrdInput& in, std::string_view tmpl = "comprehensive") {
  return TemplateProvider::compose(prd_request(in, *find_builtin(tmpl), ModelLimits{}).task);
}

json::object stories_answer(std::string_view document, int count) {
  auto requests = stories_requests(document, count, ModelLimits{});
  EXPECT_EQ(requests.size(), 1u);
  return json::parse(TemplateProvider::compose(requests[0].task)).as_object();
}

StoriesParse stories_of(std::string_view document, int count) {
  auto requests = stories_requests(document, count, ModelLimits{});
  return parse_stories(TemplateProvider::compose(requests[0].task));
}

void expect_well_formed(const Story& s) {
  SCOPED_TRACE(s.title);
  EXPECT_FALSE(s.as_a.empty());
  EXPECT_FALSE(s.i_want.empty());
  EXPECT_FALSE(s.so_that.empty());
  // The benefit says what the person gains, never "so that FR-1 is met".
  std::string benefit = ascii_lower(s.so_that);
  for (const char* circular : {"fr-", "nfr-", "sm-", "requirement", " is met"}) {
    EXPECT_EQ(benefit.find(circular), std::string::npos) << s.so_that;
  }
  EXPECT_NE(ascii_lower(s.so_that), ascii_lower(s.i_want));
  ASSERT_FALSE(s.acceptance_criteria.empty());
  for (const auto& c : s.acceptance_criteria) {
    std::string low = ascii_lower(c);
    EXPECT_EQ(low.rfind("given ", 0), 0u) << c;
    EXPECT_NE(low.find(", when "), std::string::npos) << c;
    EXPECT_NE(low.find(", then "), std::string::npos) << c;
  }
}

TEST(TemplateStories, TheCountAskedForIsHonouredWhenTheFeaturesAllowIt) {
  for (const char* tmpl : {"comprehensive", "lean", "technical", "agile"}) {
    for (std::string audience : {"Small shop owners", ""}) {
      std::string doc = prd(brief(5, audience), tmpl);
      for (int count = 1; count <= 10; ++count) {
        SCOPED_TRACE(std::string(tmpl) + " audience=\"" + audience +
                     "\" count=" + std::to_string(count));
        auto parsed = stories_of(doc, count);
        ASSERT_TRUE(parsed.ok()) << parsed.problems.front();
        ASSERT_EQ(parsed.stories.size(), static_cast<std::size_t>(count));
        std::set<std::string> titles;
        for (const auto& s : parsed.stories) {
          expect_well_formed(s);
          ASSERT_TRUE(s.requirement_ref);
          EXPECT_TRUE(s.requirement_ref->starts_with("FR-"));
          EXPECT_TRUE(titles.insert(s.title).second) << "repeated title " << s.title;
        }
        // The merge the generation flow applies keeps them all: none is a repeat.
        EXPECT_EQ(merge_stories({parsed.stories}, count).size(), parsed.stories.size());
        EXPECT_EQ(parsed.note.has_value(), audience.empty())
            << "a note only to say the persona is generic";
      }
    }
  }
}

TEST(TemplateStories, EveryRequirementIsCoveredBeforeAnyIsCoveredTwice) {
  auto parsed = stories_of(prd(brief(5)), 7);
  ASSERT_EQ(parsed.stories.size(), 7u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(parsed.stories[i].requirement_ref, "FR-" + std::to_string(i + 1));
  }
  EXPECT_EQ(parsed.stories[5].requirement_ref, "FR-1");
  EXPECT_EQ(parsed.stories[5].title, "Pay by QR code: errors and retry");
}

TEST(TemplateStories, FewerStoriesComeWithANoteSayingWhy) {
  auto answer = stories_answer(prd(brief(2)), 10);
  ASSERT_TRUE(answer.contains("note"));
  std::string note(answer.at("note").as_string());
  EXPECT_NE(note.find("Made 4 stories, not the 10 asked for"), std::string::npos) << note;
  EXPECT_NE(note.find("two functional requirements"), std::string::npos) << note;
  auto parsed = parse_stories(json::serialize(answer));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.stories.size(), 4u);
  EXPECT_EQ(parsed.note, note);
}

TEST(TemplateStories, AreWrittenForTheDocumentsPersonas) {
  auto parsed = stories_of(prd(brief(3)), 3);
  ASSERT_EQ(parsed.stories.size(), 3u);
  const Story& qr = parsed.stories[0];
  EXPECT_EQ(qr.title, "Pay by QR code");
  EXPECT_EQ(qr.as_a, "small shop owner");
  EXPECT_EQ(qr.i_want, "to pay by QR code");
  EXPECT_EQ(qr.requirement_ref, "FR-1");
  EXPECT_EQ(qr.acceptance_criteria.front(),
            "Given I am a small shop owner, when I pay by QR code, then the payment is confirmed "
            "on screen within [N] seconds and a receipt is sent");
  EXPECT_EQ(parsed.stories[1].i_want, "refunds");
  EXPECT_EQ(parsed.stories[2].i_want, "to export sales as CSV");

  // A hand-written PRD with two personas: each requirement goes to the one it names.
  std::string doc =
      "## Personas\n\n### Shoppers\n\nPeople buying.\n\n### Store admins\n\nRun the shop.\n\n"
      "## Functional Requirements\n\n- **FR-1**: Shoppers can pay with Apple Pay\n"
      "- **FR-2**: Admins export the sales ledger. Daily.\n";
  auto two = stories_of(doc, 2);
  ASSERT_TRUE(two.ok()) << two.problems.front();
  ASSERT_EQ(two.stories.size(), 2u);
  EXPECT_EQ(two.stories[0].as_a, "shopper");
  EXPECT_EQ(two.stories[0].i_want, "to pay with Apple Pay");
  EXPECT_EQ(two.stories[1].as_a, "store admin");
  EXPECT_EQ(two.stories[1].i_want, "to export the sales ledger");
  for (const auto& s : two.stories) expect_well_formed(s);
}

TEST(TemplateStories, ListedFeaturesWithoutIdsStillGiveStories) {
  std::string doc = "## Key Features\n\n- Track deliveries on a map\n- Rate the courier\n";
  auto answer = stories_answer(doc, 2);
  auto parsed = parse_stories(json::serialize(answer));
  ASSERT_TRUE(parsed.ok()) << parsed.problems.front();
  ASSERT_EQ(parsed.stories.size(), 2u);
  EXPECT_FALSE(parsed.stories[0].requirement_ref);
  EXPECT_EQ(parsed.stories[0].i_want, "to track deliveries on a map");
  EXPECT_NE(std::string(answer.at("note").as_string()).find("generic user"), std::string::npos);
}

TEST(TemplateStories, ADocumentWithoutRequirementsSaysSo) {
  auto answer = stories_answer("## Notes\n\nNothing numbered here.\n", 5);
  auto parsed = parse_stories(json::serialize(answer));
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed.stories.size(), 1u);
  EXPECT_FALSE(parsed.stories[0].requirement_ref);
  expect_well_formed(parsed.stories[0]);
  ASSERT_TRUE(parsed.note);
  EXPECT_NE(parsed.note->find("no numbered functional requirements"), std::string::npos);
}

TEST(TemplateStories, LongRequirementsStillGiveValidStories) {
  std::string words;
  for (int i = 0; i < 20000; ++i) words += "word ";
  auto parsed = stories_of("## Functional Requirements\n\n- FR-1: Export " + words + "\n", 2);
  ASSERT_TRUE(parsed.ok()) << parsed.problems.front();
  ASSERT_EQ(parsed.stories.size(), 2u);
  EXPECT_LE(parsed.stories[0].title.size(), 80u);
  EXPECT_LE(parsed.stories[0].i_want.size(), 310u);
}

TEST(TemplateStories, AreDeterministic) {
  auto doc = prd(brief(7));
  auto task = stories_requests(doc, 10, ModelLimits{})[0].task;
  EXPECT_EQ(TemplateProvider::compose(task), TemplateProvider::compose(task));
}

}  // namespace
}  // namespace prism::ai

namespace prism::ai {
namespace {

TEST(TemplateStories, RequirementsToCoverComeFirstAndAFollowUpGivesOnlyThem) {
  std::string doc =
      "## Target Users\n- Shop owners\n\n## Functional Requirements\n"
      "- FR-1: Shop owners take payments by QR code.\n"
      "- FR-2: Shop owners refund a payment.\n"
      "- FR-3: Shop owners export sales as CSV.\n";
  auto requirements = requirements_of(doc);
  ASSERT_EQ(requirements.size(), 3u);
  std::vector<Requirement> cover{requirements[2]};
  auto requests = stories_requests(doc, 1, ModelLimits{}, 8192, cover);
  auto first = parse_stories(TemplateProvider::compose(requests[0].task));
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first.stories.size(), 1u);
  EXPECT_EQ(first.stories[0].requirement_ref, "FR-3");

  auto follow = coverage_request(requests[0], "{}", {requirements[1]});
  auto second = parse_stories(TemplateProvider::compose(follow.task));
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second.stories.size(), 1u);
  EXPECT_EQ(second.stories[0].requirement_ref, "FR-2");
}

}  // namespace
}  // namespace prism::ai
