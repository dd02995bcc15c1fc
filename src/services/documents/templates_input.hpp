#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ai/templates.hpp"
#include "core/json.hpp"

namespace prism::services {

inline constexpr std::size_t kMaxTemplateSections = 50;

struct TemplateInput {
  std::string name;
  std::string description;
  std::vector<ai::TemplateSection> sections;
};

struct TemplateChanges {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::vector<ai::TemplateSection>> sections;
};

// {name, description?, sections:[{title, guidance?, required?}]}: name 1–100
// characters, 1–50 sections with distinct titles of 1–200 characters,
// guidance up to 2000, `required` defaulting to true. Throws one 422 listing
// every problem.
TemplateInput parse_template_input(const json::object& body);
// The same fields, all optional (PATCH); null is refused.
TemplateChanges parse_template_changes(const json::object& body);

}  // namespace prism::services
