#include "services/documents/templates_input.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace prism::services {
namespace {

std::vector<std::string> fields_of(const json::object& body, bool changes = false) {
  try {
    if (changes)
      parse_template_changes(body);
    else
      parse_template_input(body);
  } catch (const Error& e) {
    std::vector<std::string> out;
    for (const auto& f : e.field_errors) out.push_back(f.field);
    return out;
  }
  return {};
}

TEST(TemplateInput, ReadsNameDescriptionAndSections) {
  auto in = parse_template_input(json::object{
      {"name", "  House  "},
      {"sections", json::array{json::object{{"title", " Why "}, {"guidance", "g"}},
                               json::object{{"title", "Notes"}, {"required", false}}}}});
  EXPECT_EQ(in.name, "House");
  EXPECT_EQ(in.description, "");
  ASSERT_EQ(in.sections.size(), 2u);
  EXPECT_EQ(in.sections[0].title, "Why");
  EXPECT_TRUE(in.sections[0].required);
  EXPECT_FALSE(in.sections[1].required);
}

TEST(TemplateInput, ListsEveryProblem) {
  auto f = fields_of(json::object{
      {"name", ""},
      {"x", 1},
      {"sections", json::array{json::object{{"title", "A\nB"}}, json::object{{"title", "C"}},
                               json::object{{"title", "C"}, {"required", "yes"}}}}});
  EXPECT_EQ(f, (std::vector<std::string>{"name", "sections[0].title", "sections[2].title",
                                         "sections[2].required", "x"}));
  json::array many;
  for (int i = 0; i < 51; ++i) many.push_back(json::object{{"title", std::to_string(i)}});
  EXPECT_EQ(fields_of(json::object{{"name", "A"}, {"sections", many}}),
            std::vector<std::string>{"sections"});
}

TEST(TemplateChanges, EverythingIsOptionalButNotNull) {
  auto c = parse_template_changes(json::object{{"description", nullptr}});
  EXPECT_FALSE(c.name);
  EXPECT_EQ(c.description, "");
  EXPECT_FALSE(c.sections);
  EXPECT_EQ(fields_of(json::object{{"name", nullptr}}, true), std::vector<std::string>{"name"});
}

}  // namespace
}  // namespace prism::services
