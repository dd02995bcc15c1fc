#include "ai/templates.hpp"

#include <algorithm>
#include <cctype>

#include "core/text.hpp"

namespace prism::ai {

namespace {

using S = TemplateSection;

Template builtin(std::string name, std::string label, std::string description,
                 std::vector<TemplateSection> sections) {
  Template t;
  t.id = name;
  t.name = std::move(name);
  t.label = std::move(label);
  t.description = std::move(description);
  t.sections = std::move(sections);
  return t;
}

Template comprehensive() {
  return builtin(
      "comprehensive", "Comprehensive", "A complete PRD for a new product or a major feature.",
      {
          S{"Executive Summary", "Two or three sentences: what is built, for whom, and why now.",
            true},
          S{"Problem Statement",
            "The problem in the users' terms, who has it, how often, and the evidence for it.",
            true},
          S{"Objectives and Success Metrics",
            "Measurable outcomes as SM-n items, each with a number and a time frame "
            "(e.g. \"SM-1: 30% of active users adopt it within 90 days\").",
            true},
          S{"User Personas", "The main kinds of users: their goals, context and pain points.",
            true},
          S{"User Stories and Use Cases",
            "Key journeys as \"As a …, I want …, so that …\" with the main use cases.", true},
          S{"Functional Requirements",
            "What the product must do, one FR-n item per testable requirement.", true},
          S{"Non-Functional Requirements",
            "Performance, security, privacy, accessibility, reliability as NFR-n items with "
            "measurable targets.",
            true},
          S{"Technical Architecture Overview",
            "Main components, data flows, integrations and notable technical choices.", false},
          S{"Dependencies and Risks",
            "Teams, systems and vendors relied on; risks with likelihood, impact and mitigation.",
            true},
          S{"Timeline and Milestones", "Phases and milestones with target dates and exit criteria.",
            false},
          S{"Open Questions", "Decisions still to be made, with an owner for each.", false},
      });
}

Template lean() {
  return builtin("lean", "Lean", "A one-page PRD for a small feature or an experiment.",
                 {
                     S{"Problem", "The user problem and the evidence that it matters.", true},
                     S{"Objectives and Success Metrics",
                       "The outcome sought, as SM-n items with a number and a time frame.", true},
                     S{"Target Users", "Who this is for.", true},
                     S{"Functional Requirements",
                       "The smallest set of FR-n requirements that solves the problem.", true},
                     S{"Out of Scope", "What this deliberately does not do.", false},
                     S{"Open Questions", "Unknowns to resolve before or during the build.", false},
                 });
}

Template technical() {
  return builtin(
      "technical", "Technical",
      "A PRD for platform, API or infrastructure work, heavier on system design.",
      {
          S{"Overview", "What is built and the motivation, in a paragraph.", true},
          S{"Goals and Non-Goals", "What this must achieve and what it explicitly will not.", true},
          S{"Success Metrics", "SM-n items: measurable targets (latency, error rate, adoption).",
            true},
          S{"Functional Requirements", "FR-n items: behaviour, interfaces, inputs and outputs.",
            true},
          S{"Non-Functional Requirements",
            "NFR-n items: performance, scalability, security, observability targets.", true},
          S{"System Design", "Components, data model, APIs and data flows.", true},
          S{"Alternatives Considered", "Other designs and why they were not chosen.", false},
          S{"Rollout and Migration", "How it ships: flags, migrations, backfills, rollback.", true},
          S{"Dependencies and Risks", "What this depends on and what could go wrong.", true},
          S{"Open Questions", "Decisions still to be made, with an owner for each.", false},
      });
}

Template agile() {
  return builtin(
      "agile", "Agile", "An epic-style PRD that feeds a backlog of user stories.",
      {
          S{"Vision", "The product goal this epic serves, in one or two sentences.", true},
          S{"Personas", "Who the stories are written for.", true},
          S{"Success Metrics", "SM-n items: how the team will know the epic worked.", true},
          S{"Functional Requirements",
            "FR-n items, each small enough to become one or a few user stories.", true},
          S{"Non-Functional Requirements", "NFR-n items that every story must respect.", false},
          S{"Acceptance Criteria", "Epic-level criteria in Given/When/Then form that define done.",
            true},
          S{"Release Plan", "Iterations or increments and what each delivers.", false},
          S{"Open Questions", "Unknowns for refinement sessions.", false},
      });
}

}  // namespace

const std::vector<Template>& builtin_templates() {
  static const std::vector<Template> kAll{comprehensive(), lean(), technical(), agile()};
  return kAll;
}

const Template* find_builtin(std::string_view name) {
  for (const auto& t : builtin_templates()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

std::string requirement_prefix(std::string_view section_title) {
  std::string t = ascii_lower(section_title);
  auto has = [&t](std::string_view w) { return t.find(w) != std::string::npos; };
  if (has("non-functional") || has("nonfunctional") || has("non functional")) return "NFR";
  if (has("functional requirement")) return "FR";
  if (has("success metric") || has("kpi")) return "SM";
  return "";
}

std::string skeleton_markdown(const Template& t) {
  std::string out;
  for (const auto& s : t.sections) {
    if (!out.empty()) out += "\n";
    out += "## " + s.title + "\n\n";
    if (!s.guidance.empty()) out += "> " + s.guidance + "\n";
  }
  return out;
}

json::array sections_json(const std::vector<TemplateSection>& sections) {
  json::array out;
  for (const auto& s : sections) {
    out.push_back(
        json::object{{"title", s.title}, {"guidance", s.guidance}, {"required", s.required}});
  }
  return out;
}

std::vector<TemplateSection> sections_from_json(const json::value& v) {
  std::vector<TemplateSection> out;
  if (!v.is_array()) return out;
  for (const auto& item : v.as_array()) {
    if (!item.is_object()) continue;
    const auto& o = item.as_object();
    TemplateSection s;
    if (auto* p = o.if_contains("title"); p && p->is_string()) s.title = p->as_string();
    if (auto* p = o.if_contains("guidance"); p && p->is_string()) s.guidance = p->as_string();
    if (auto* p = o.if_contains("required"); p && p->is_bool()) s.required = p->as_bool();
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace prism::ai
