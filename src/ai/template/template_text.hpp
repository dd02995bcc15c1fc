#pragma once

// Phrasing shared by the offline template's PRD, stories and section
// rewrites. Everything is deterministic: no clock, no randomness, no locale.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"

namespace prism::ai::template_text {

// A task field, "" when absent or not a string.
std::string field(const json::object& o, std::string_view name);
// The non-blank strings of an array field, trimmed, without repeats (ignoring
// case and spacing) and without a final full stop.
std::vector<std::string> items(const json::object& o, std::string_view name);
const json::object& object_at(const json::object& o, std::string_view name);

std::string trim(std::string_view s);
// Runs of white space as one space, trimmed.
std::string squash(std::string_view s);
// `s` without the full stops, commas and semicolons it ends with.
std::string without_stop(std::string_view s);
// `s` ending in a full stop (or the ?/! it already ends with).
std::string sentence(std::string_view s);
// The first letter lowered, unless the word looks like an acronym or a name
// ("PDF export", "iOS app" stay as they are).
std::string lower_first(std::string_view s);
std::string upper_first(std::string_view s);
// "a" or "an" for the word `s` starts with.
std::string article(std::string_view s);
std::string with_article(std::string_view s);
// "x", "x and y", "x, y and z".
std::string join_and(const std::vector<std::string>& parts);
// "one", "two" … "ten", then digits.
std::string count_word(std::size_t n);
// "FR-1", "FR-1 and FR-2", "FR-1 to FR-4"; "" for n == 0.
std::string id_range(std::string_view prefix, std::size_t n);
// Whether `s` can stand inside a sentence: one short phrase, not sentences.
bool is_phrase(std::string_view s);
// A plural group ("small shop owners", "Returning shoppers on mobile") as
// one of them ("small shop owner", "returning shopper on mobile").
std::string one_of(std::string_view group);

// What a feature is about: phrasing the template uses for stories,
// requirement targets, goals and dependencies, chosen by keywords.
struct Category {
  std::string_view name;
  std::vector<std::string_view> keywords;  // whole words, lower case
  std::string_view benefit;                // after "so that", first person
  std::string_view recovery_benefit;       // the benefit of its error-handling story
  std::string_view goal;                   // an outcome, as a noun phrase
  std::string_view measure;                // a requirement target with [N] placeholders
  std::string_view outcome;                // after "then" in an acceptance criterion
  std::string_view failure;                // what going wrong looks like, after "Given"
  std::string_view dependency;             // "" when nothing outside is relied on
  int points;
};

// The categories, matched in this order (template_categories.cpp), and the
// one used when none matches.
const std::vector<Category>& categories();
const Category& general_category();

// One key feature, read for phrasing.
struct Capability {
  std::string text;    // as given, without a final full stop: "Pay with a saved card"
  std::string action;  // after "when I": "pay with a saved card" / "use refunds"
  std::string want;    // after "I want": "to pay with a saved card" / "refunds"
  std::string during;  // after "while I": "pay with a saved card" / "use refunds"
  const Category* category;
};

// `feature` read as a capability. `actors` are words naming who does it
// ("shoppers", "admin"), dropped from the start of the feature ("Shoppers can
// pay by card" → "pay by card").
Capability capability(std::string_view feature, const std::vector<std::string>& actors = {});

// The category of a constraint, for non-functional targets: "security",
// "performance", "availability", "accessibility", "privacy", "cost",
// "platform" or "".
std::string constraint_kind(std::string_view constraint);

}  // namespace prism::ai::template_text
