#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"

namespace prism::ai {

struct TemplateSection {
  std::string title;
  std::string guidance;  // what belongs in the section, shown to writers and models
  bool required = true;
};

// A PRD template: built-in (id == name, version fixed in code) or an
// organization's own (id is a UUID, version bumped on every change).
struct Template {
  std::string id;
  std::string name;
  std::string label;
  std::string description;
  std::int64_t version = 1;
  bool builtin = true;
  std::vector<TemplateSection> sections;
  // Organization templates only: the owner and when it was made and changed.
  std::optional<std::string> org_id;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// comprehensive, lean, technical, agile — in that order.
const std::vector<Template>& builtin_templates();
const Template* find_builtin(std::string_view name);
inline constexpr std::string_view kDefaultTemplate = "comprehensive";

// Requirements carry stable ids so stories and lint can refer to them:
// "FR" for functional requirements, "NFR" for non-functional ones, "SM" for
// success metrics; "" for sections that hold no numbered requirements. Org
// templates get the same ids from their section titles.
std::string requirement_prefix(std::string_view section_title);

// The Markdown a new document made from the template starts with: each
// section as a `##` heading followed by its guidance as a blockquote.
std::string skeleton_markdown(const Template& t);

// {title, guidance, required} objects, as stored and as served.
json::array sections_json(const std::vector<TemplateSection>& sections);
// The inverse of sections_json for trusted (stored) JSON.
std::vector<TemplateSection> sections_from_json(const json::value& v);

}  // namespace prism::ai
