#include "ai/templates.hpp"

#include <gtest/gtest.h>

#include <set>

#include "docs/sections.hpp"

namespace prism::ai {
namespace {

TEST(Templates, BuiltinsHaveStableNamesAndDistinctSections) {
  std::vector<std::string> names;
  for (const auto& t : builtin_templates()) {
    names.push_back(t.name);
    EXPECT_EQ(t.id, t.name);
    EXPECT_TRUE(t.builtin);
    EXPECT_EQ(t.version, 1);
    EXPECT_FALSE(t.label.empty());
    std::set<std::string> titles;
    bool has_fr = false;
    for (const auto& s : t.sections) {
      EXPECT_TRUE(titles.insert(s.title).second) << t.name << ": " << s.title;
      EXPECT_FALSE(s.guidance.empty());
      has_fr = has_fr || requirement_prefix(s.title) == "FR";
    }
    EXPECT_TRUE(has_fr) << t.name << " has a functional requirements section";
  }
  EXPECT_EQ(names, (std::vector<std::string>{"comprehensive", "lean", "technical", "agile"}));
  EXPECT_EQ(find_builtin("nope"), nullptr);
}

TEST(Templates, ComprehensiveHasTheElevenSectionsInOrder) {
  std::vector<std::string> titles;
  for (const auto& s : find_builtin("comprehensive")->sections) titles.push_back(s.title);
  EXPECT_EQ(titles, (std::vector<std::string>{
                        "Executive Summary", "Problem Statement", "Objectives and Success Metrics",
                        "User Personas", "User Stories and Use Cases", "Functional Requirements",
                        "Non-Functional Requirements", "Technical Architecture Overview",
                        "Dependencies and Risks", "Timeline and Milestones", "Open Questions"}));
}

TEST(Templates, RequirementPrefixesFollowTheSectionTitle) {
  EXPECT_EQ(requirement_prefix("Functional Requirements"), "FR");
  EXPECT_EQ(requirement_prefix("Non-Functional Requirements"), "NFR");
  EXPECT_EQ(requirement_prefix("nonfunctional requirements"), "NFR");
  EXPECT_EQ(requirement_prefix("Objectives and Success Metrics"), "SM");
  EXPECT_EQ(requirement_prefix("KPIs"), "SM");
  EXPECT_EQ(requirement_prefix("Problem"), "");
}

TEST(Templates, SkeletonHasOneSectionPerTemplateSection) {
  const Template& t = *find_builtin("agile");
  auto sections = docs::parse_sections(skeleton_markdown(t));
  ASSERT_EQ(sections.size(), t.sections.size());
  for (std::size_t i = 0; i < sections.size(); ++i) {
    EXPECT_EQ(sections[i].title, t.sections[i].title);
    EXPECT_NE(sections[i].body.find("> " + t.sections[i].guidance), std::string::npos);
  }
}

TEST(Templates, SectionsRoundTripThroughJson) {
  std::vector<TemplateSection> in{{"A", "g", true}, {"B", "", false}};
  auto out = sections_from_json(sections_json(in));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].title, "B");
  EXPECT_FALSE(out[1].required);
  EXPECT_TRUE(sections_from_json(json::value("x")).empty());
}

}  // namespace
}  // namespace prism::ai
