#include "services/documents/templates_input.hpp"

#include <set>

#include "services/orgs/org_rules.hpp"
#include "services/orgs/orgs_input.hpp"

namespace prism::services {

namespace {

constexpr std::size_t kMaxDescription = 2000;
constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxGuidance = 2000;

std::optional<std::string> name_field(JsonReader& r, bool required) {
  if (!required && r.is_null("name")) {
    r.optional_value("name");
    r.add_error("name", "must not be null");
    return std::nullopt;
  }
  auto raw = required ? std::optional(r.required_string("name", 1, kMaxNameLength))
                      : r.optional_string("name", 1, kMaxNameLength);
  if (!raw || raw->empty()) return std::nullopt;
  auto name = trimmed_name(*raw);
  if (!name) r.add_error("name", "must not be blank");
  return name;
}

std::optional<std::vector<ai::TemplateSection>> sections_field(JsonReader& r, bool required) {
  const json::value* v = r.optional_value("sections");
  if (!v) {
    if (required) r.add_error("sections", "is required");
    return std::nullopt;
  }
  if (!v->is_array() || v->as_array().empty() || v->as_array().size() > kMaxTemplateSections) {
    r.add_error("sections", "must be an array of 1–50 sections");
    return std::nullopt;
  }
  std::vector<ai::TemplateSection> out;
  std::set<std::string> titles;
  const auto& items = v->as_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string where = "sections[" + std::to_string(i) + "]";
    if (!items[i].is_object()) {
      r.add_error(where, "must be an object {title, guidance?, required?}");
      continue;
    }
    JsonReader s(items[i].as_object(), where);
    ai::TemplateSection section;
    auto title = s.required_string("title", 1, kMaxTitle);
    if (!title.empty()) {
      auto trimmed = trimmed_name(title);
      if (!trimmed)
        s.add_error("title", "must not be blank");
      else if (trimmed->find('\n') != std::string::npos)
        s.add_error("title", "must be one line");
      else if (!titles.insert(*trimmed).second)
        s.add_error("title", "repeats another section");
      else
        section.title = *trimmed;
    }
    section.guidance = s.optional_string("guidance", 0, kMaxGuidance).value_or("");
    section.required = s.optional_bool("required").value_or(true);
    try {
      s.finish();
      out.push_back(std::move(section));
    } catch (const Error& e) {
      for (const auto& fe : e.field_errors) r.add_error(fe.field, fe.message);
    }
  }
  return out;
}

}  // namespace

TemplateInput parse_template_input(const json::object& body) {
  JsonReader r(body);
  TemplateInput in;
  in.name = name_field(r, true).value_or("");
  in.description = r.optional_string("description", 0, kMaxDescription).value_or("");
  in.sections = sections_field(r, true).value_or(std::vector<ai::TemplateSection>{});
  r.finish();
  return in;
}

TemplateChanges parse_template_changes(const json::object& body) {
  JsonReader r(body);
  TemplateChanges in;
  in.name = name_field(r, false);
  if (r.is_null("description")) {
    r.optional_value("description");
    in.description = "";
  } else {
    in.description = r.optional_string("description", 0, kMaxDescription);
  }
  in.sections = sections_field(r, false);
  r.finish();
  return in;
}

}  // namespace prism::services
