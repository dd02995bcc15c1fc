#include "ai/template/template_provider.hpp"

#include <gtest/gtest.h>

#include "ai/prompts.hpp"
#include "ai/structured.hpp"
#include "ai/templates.hpp"
#include "docs/sections.hpp"

namespace prism::ai {
namespace {

PrdInput brief() {
  return PrdInput{"Checkout Express",
                  "A one-page checkout that remembers returning shoppers.",
                  "Returning shoppers on mobile",
                  {"Pay with a saved card", "Edit the delivery address inline"},
                  {"PCI DSS compliant", "Pages load in under 1 second on 4G"}};
}

CompletionResult run(TemplateProvider& p, const CompletionRequest& r,
                     std::vector<std::string>* deltas) {
  CancelToken cancel;
  return p.stream(
      r,
      [&](std::string_view d) {
        if (deltas) deltas->emplace_back(d);
      },
      cancel);
}

TEST(TemplateProvider, PausesBetweenChunksWhenAsked) {
  TemplateProvider paced(20, std::chrono::milliseconds(20));
  std::vector<std::string> deltas;
  auto start = std::chrono::steady_clock::now();
  run(paced, prd_request(brief(), *find_builtin("lean"), ModelLimits{}), &deltas);
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_GE(deltas.size(), 2u);
  EXPECT_GE(elapsed, std::chrono::milliseconds(20) * static_cast<int>(deltas.size()));
}

TEST(TemplateProvider, IsLabelledHonestly) {
  TemplateProvider p;
  EXPECT_EQ(p.name(), "template");
  EXPECT_FALSE(p.is_ai());
  EXPECT_EQ(p.label(), "Template (offline, not AI)");
  ASSERT_EQ(p.models().size(), 1u);
  EXPECT_EQ(p.models()[0].id, p.default_model());
}

TEST(TemplateProvider, EveryTemplateGivesItsSectionsInOrderWithEveryInput) {
  TemplateProvider p;
  for (const auto& t : builtin_templates()) {
    auto req = prd_request(brief(), t, ModelLimits{});
    std::vector<std::string> deltas;
    auto result = run(p, req, &deltas);
    std::string joined;
    for (const auto& d : deltas) joined += d;
    EXPECT_EQ(joined, result.text) << t.name;
    EXPECT_GT(deltas.size(), 20u) << "streamed in small chunks";
    auto sections = docs::parse_sections(result.text);
    std::vector<std::string> titles;
    for (const auto& s : sections) {
      if (!s.title.empty()) titles.push_back(s.title);
    }
    ASSERT_EQ(titles.size(), t.sections.size()) << t.name;
    for (std::size_t i = 0; i < titles.size(); ++i) EXPECT_EQ(titles[i], t.sections[i].title);
    for (const auto& feature : brief().key_features) {
      EXPECT_NE(result.text.find(feature), std::string::npos) << t.name << ": " << feature;
    }
    EXPECT_NE(result.text.find("- FR-1: Pay with a saved card. Target: "), std::string::npos)
        << t.name;
    EXPECT_NE(result.text.find("- FR-2: Edit the delivery address inline. Target: "),
              std::string::npos);
    EXPECT_NE(result.text.find("> To complete:"), std::string::npos);
    EXPECT_NE(result.text.find("not by AI"), std::string::npos);
    EXPECT_TRUE(result.usage.estimated);
    EXPECT_EQ(result.usage.output_tokens, estimate_tokens(result.text));
    EXPECT_GT(result.usage.input_tokens, 0);
  }
  // The comprehensive template uses every input field.
  auto text =
      TemplateProvider::compose(prd_request(brief(), *find_builtin("comprehensive"), {}).task);
  for (const char* s :
       {"Checkout Express", "remembers returning shoppers", "Returning shoppers on mobile",
        "NFR-1: PCI DSS compliant", "NFR-2: Pages load in under 1 second on 4G", "SM-1:"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s;
  }
}

TEST(TemplateProvider, IsDeterministic) {
  TemplateProvider a(3);
  TemplateProvider b(7);
  auto req = prd_request(brief(), *find_builtin("technical"), ModelLimits{});
  EXPECT_EQ(run(a, req, nullptr).text, run(b, req, nullptr).text);
  EXPECT_EQ(TemplateProvider::compose(req.task), TemplateProvider::compose(req.task));
}

TEST(TemplateProvider, HonoursCancelBetweenChunks) {
  TemplateProvider p(1);
  CancelToken cancel;
  int seen = 0;
  auto req = prd_request(brief(), *find_builtin("lean"), ModelLimits{});
  try {
    p.stream(
        req,
        [&](std::string_view) {
          if (++seen == 5) cancel.cancel();
        },
        cancel);
    FAIL() << "not cancelled";
  } catch (const ProviderError& e) {
    EXPECT_EQ(e.kind(), ProviderError::Kind::kCancelled);
  }
  EXPECT_EQ(seen, 5);
}

TEST(TemplateProvider, SectionRewritesWhatItCanByRule) {
  auto req = section_request(SectionInput{"## Goals\nBe fast\n", "Goals", "Be fast. And cheap.\n",
                                          "Turn it into a bullet list"},
                             ModelLimits{});
  EXPECT_EQ(TemplateProvider::compose(req.task), "- Be fast.\n- And cheap.\n");
}

TEST(TemplateProvider, StoriesComeFromTheRequirementsAndParse) {
  TemplateProvider p;
  auto prd =
      TemplateProvider::compose(prd_request(brief(), *find_builtin("comprehensive"), {}).task);
  auto reqs = stories_requests(prd + "\n- **FR-7**: Export receipts as PDF\n", 3, ModelLimits{});
  ASSERT_EQ(reqs.size(), 1u);
  std::vector<std::string> deltas;
  auto result = run(p, reqs[0], &deltas);
  std::string joined;
  for (const auto& d : deltas) joined += d;
  EXPECT_EQ(joined, result.text) << "streamed like the PRD";
  auto parsed = parse_stories(result.text);
  ASSERT_TRUE(parsed.ok()) << parsed.problems.front();
  ASSERT_EQ(parsed.stories.size(), 3u);
  EXPECT_EQ(parsed.stories[0].requirement_ref, "FR-1");
  EXPECT_EQ(parsed.stories[0].i_want, "to pay with a saved card");
  EXPECT_EQ(parsed.stories[0].as_a, "returning shopper on mobile");
  EXPECT_EQ(parsed.stories[2].requirement_ref, "FR-7");
  EXPECT_EQ(parsed.stories[2].i_want, "to export receipts as PDF");
  EXPECT_FALSE(parsed.note);
  // The count caps the stories.
  auto one = stories_requests(prd, 1, ModelLimits{});
  EXPECT_EQ(parse_stories(run(p, one[0], nullptr).text).stories.size(), 1u);
}

TEST(TemplateProvider, StoriesWithoutRequirementsStillParse) {
  auto reqs = stories_requests("## Notes\nNothing numbered here.\n", 5, ModelLimits{});
  auto parsed = parse_stories(TemplateProvider::compose(reqs[0].task));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.stories.size(), 1u);
  EXPECT_FALSE(parsed.stories[0].requirement_ref);
  EXPECT_TRUE(parsed.note);
}

TEST(TemplateProvider, RejectsUnknownKinds) {
  EXPECT_THROW(TemplateProvider::compose(json::object{{"kind", "poem"}}), ProviderError);
}

}  // namespace
}  // namespace prism::ai
