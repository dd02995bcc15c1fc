#pragma once

// The offline template's PRD: what it knows about the brief and the template,
// shared by the assembly (template_prd.cpp) and the section writers
// (template_prd_sections.cpp).
#include <string>
#include <vector>

#include "ai/template/template_text.hpp"
#include "ai/templates.hpp"

namespace prism::ai::template_prd {

// What a section is for, read from its title.
enum class Kind {
  kSummary,
  kProblem,
  kGoals,
  kMetrics,
  kPersonas,
  kStories,
  kFunctional,
  kNonFunctional,
  kDesign,
  kRisks,
  kTimeline,
  kRelease,
  kRollout,
  kOutOfScope,
  kAlternatives,
  kAcceptance,
  kQuestions,
  kOther,
};

Kind kind_of(std::string_view title);

struct Brief {
  std::string product;
  std::string description;
  std::string audience;
  std::vector<std::string> features;
  std::vector<std::string> constraints;
};

// The brief and the template's sections, with the decisions that keep each
// fact in one place: which section introduces the product, which one asks
// for a missing audience, and so on.
class Draft {
 public:
  Draft(Brief brief, std::vector<TemplateSection> sections);

  const Brief& brief() const { return brief_; }
  const std::vector<TemplateSection>& sections() const { return sections_; }
  Kind kind(std::size_t section) const { return kinds_[section]; }
  bool has(Kind k) const;

  // The product's name inside a sentence, or "the product"; at its start.
  std::string name() const;
  std::string name_at_start() const;
  // The audience inside a sentence ("returning shoppers on mobile"), or
  // `fallback` when it is missing or too long to stand in a sentence.
  std::string audience_or(std::string_view fallback) const;
  // One member of the audience ("returning shopper on mobile"), or "user".
  std::string persona() const;
  // "FR-3" when the template has functional requirements, else the feature
  // itself in lower case.
  std::string feature_ref(std::size_t i) const;
  std::vector<template_text::Capability> capabilities() const;
  // Non-functional items: the constraints, then suggested baselines for
  // kinds the constraints leave out.
  const std::vector<std::string>& suggested_kinds() const { return suggested_; }
  std::size_t nfr_count() const { return brief_.constraints.size() + suggested_.size(); }

  // Which section (index) introduces the product, asks for the audience,
  // asks for the features and asks for the constraints; npos for none.
  std::size_t identity_home() const { return identity_home_; }
  std::size_t audience_home() const { return audience_home_; }
  std::size_t features_home() const { return features_home_; }
  std::size_t constraints_home() const { return constraints_home_; }

 private:
  std::size_t first(Kind k) const;

  Brief brief_;
  std::vector<TemplateSection> sections_;
  std::vector<Kind> kinds_;
  std::vector<std::string> suggested_;
  std::size_t identity_home_ = 0;
  std::size_t audience_home_ = 0;
  std::size_t features_home_ = 0;
  std::size_t constraints_home_ = 0;
};

// Pieces of section bodies (template_prd_sections.cpp).
using Paragraphs = std::vector<std::string>;
// A "> To complete: …" line without its newline.
std::string ask(std::string_view what);
// "- a\n- b", without a final newline.
std::string bullets(const std::vector<std::string>& lines);
std::vector<std::string> lowered(const std::vector<std::string>& items);

// The sections about building and shipping (template_prd_delivery.cpp).
Paragraphs design(const Draft& d);
Paragraphs risks(const Draft& d);
Paragraphs timeline(const Draft& d);
Paragraphs release(const Draft& d);
Paragraphs rollout(const Draft& d);
Paragraphs out_of_scope(const Draft& d);
Paragraphs alternatives(const Draft& d);
Paragraphs questions(const Draft& d);

// The body of section `i` (without its heading): paragraphs separated by
// blank lines, ending in a newline.
std::string section_body(const Draft& d, std::size_t i);

// "> To complete: …" guidance line for the author.
std::string to_complete(std::string_view what);

}  // namespace prism::ai::template_prd
