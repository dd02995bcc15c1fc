// The offline template's PRD: one `##` section per template section, each
// written for its own purpose from the brief. Every fact of the brief has one
// home, and whatever is missing is asked for once, in plain words.
#include "ai/template/template_prd.hpp"

#include <algorithm>
#include <set>

#include "ai/template/template_provider.hpp"
#include "core/text.hpp"

namespace prism::ai {

namespace template_prd {

namespace {

using namespace template_text;

constexpr std::string_view kHeader =
    "> Drafted by PRISM's offline template from the product brief, not by AI. Lines marked "
    "\"To complete\" need a person, and each [N] needs a target value.\n";

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

bool contains_any(const std::string& s, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&s](std::string_view w) { return s.find(w) != std::string::npos; });
}

// Paragraphs of `body` that an earlier section already holds are dropped, so
// that custom templates with look-alike sections never repeat themselves.
std::string without_repeats(const std::string& body, std::set<std::string>& seen) {
  std::string out;
  std::size_t pos = 0;
  while (pos < body.size()) {
    auto end = body.find("\n\n", pos);
    if (end == std::string::npos) end = body.size();
    std::string paragraph = trim(body.substr(pos, end - pos));
    pos = end + 2;
    if (paragraph.empty()) continue;
    std::string key = ascii_lower(squash(paragraph));
    if (key.size() >= 20 && !seen.insert(key).second) continue;
    out += (out.empty() ? "" : "\n") + paragraph + "\n";
  }
  return out;
}

}  // namespace

Kind kind_of(std::string_view title) {
  std::string prefix = requirement_prefix(title);
  if (prefix == "FR") return Kind::kFunctional;
  if (prefix == "NFR") return Kind::kNonFunctional;
  if (prefix == "SM") return Kind::kMetrics;
  std::string t = ascii_lower(title);
  if (contains_any(t, {"out of scope", "non-goal", "not in scope"}) &&
      !contains_any(t, {"goals and"}))
    return Kind::kOutOfScope;
  if (contains_any(t, {"architecture", "design", "technical", "system", "component", "data model"}))
    return Kind::kDesign;
  if (contains_any(t, {"stor", "use case", "journey", "scenario"})) return Kind::kStories;
  if (contains_any(t, {"acceptance", "definition of done"})) return Kind::kAcceptance;
  if (contains_any(t, {"summary", "overview", "vision", "introduction"})) return Kind::kSummary;
  if (contains_any(t, {"problem", "pain point", "opportunit"})) return Kind::kProblem;
  if (contains_any(t, {"goal", "objective"})) return Kind::kGoals;
  if (contains_any(t, {"persona", "target user", "audience", "users", "customer"}))
    return Kind::kPersonas;
  if (contains_any(t, {"risk", "dependenc", "assumption"})) return Kind::kRisks;
  if (contains_any(t, {"rollout", "roll-out", "migration", "launch", "deploy"}))
    return Kind::kRollout;
  if (contains_any(t, {"release", "iteration", "increment", "sprint"})) return Kind::kRelease;
  if (contains_any(t, {"timeline", "milestone", "schedule", "roadmap", "phase"}))
    return Kind::kTimeline;
  if (contains_any(t, {"alternative"})) return Kind::kAlternatives;
  if (contains_any(t, {"question", "unknown", "open issue"})) return Kind::kQuestions;
  return Kind::kOther;
}

Draft::Draft(Brief brief, std::vector<TemplateSection> sections)
    : brief_(std::move(brief)), sections_(std::move(sections)) {
  std::set<Kind> used;
  for (const auto& s : sections_) {
    Kind k = kind_of(s.title);
    // A second section of the same kind gets its own guidance instead.
    kinds_.push_back(used.insert(k).second ? k : Kind::kOther);
  }
  std::set<std::string> covered;
  for (const auto& c : brief_.constraints) covered.insert(constraint_kind(c));
  for (const char* k : {"performance", "availability", "accessibility", "security"}) {
    if (!covered.contains(k)) suggested_.emplace_back(k);
  }
  auto or_else = [](std::size_t a, std::size_t b) { return a != kNone ? a : b; };
  identity_home_ = or_else(first(Kind::kSummary), or_else(first(Kind::kProblem), 0));
  audience_home_ = or_else(first(Kind::kPersonas), identity_home_);
  features_home_ = or_else(first(Kind::kFunctional), identity_home_);
  constraints_home_ = or_else(first(Kind::kNonFunctional), first(Kind::kRisks));
}

std::size_t Draft::first(Kind k) const {
  auto it = std::find(kinds_.begin(), kinds_.end(), k);
  return it == kinds_.end() ? kNone : static_cast<std::size_t>(it - kinds_.begin());
}

bool Draft::has(Kind k) const { return first(k) != kNone; }

std::string Draft::name() const { return brief_.product.empty() ? "the product" : brief_.product; }

std::string Draft::name_at_start() const {
  return brief_.product.empty() ? "The product" : brief_.product;
}

std::string Draft::audience_or(std::string_view fallback) const {
  if (brief_.audience.empty() || !is_phrase(brief_.audience)) return std::string(fallback);
  return lower_first(without_stop(squash(brief_.audience)));
}

std::string Draft::persona() const {
  if (brief_.audience.empty() || !is_phrase(brief_.audience)) return "user";
  std::string one = one_of(brief_.audience);
  return one.empty() ? "user" : one;
}

std::string Draft::feature_ref(std::size_t i) const {
  if (has(Kind::kFunctional)) return "FR-" + std::to_string(i + 1);
  return lower_first(brief_.features[i]);
}

std::vector<Capability> Draft::capabilities() const {
  std::vector<Capability> out;
  for (const auto& f : brief_.features) out.push_back(capability(f));
  return out;
}

std::string to_complete(std::string_view what) { return "> To complete: " + sentence(what) + "\n"; }

}  // namespace template_prd

namespace template_compose {

std::string prd(const json::object& task) {
  using namespace template_text;
  const auto& input = object_at(task, "input");
  template_prd::Brief brief{field(input, "product_name"), field(input, "description"),
                            field(input, "target_audience"), items(input, "key_features"),
                            items(input, "constraints")};
  auto* listed = object_at(task, "template").if_contains("sections");
  std::vector<TemplateSection> sections =
      listed ? sections_from_json(*listed) : find_builtin(kDefaultTemplate)->sections;
  template_prd::Draft draft(std::move(brief), std::move(sections));
  std::string out(template_prd::kHeader);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < draft.sections().size(); ++i) {
    const auto& title = draft.sections()[i].title;
    std::string body = template_prd::without_repeats(template_prd::section_body(draft, i), seen);
    if (body.empty()) body = template_prd::to_complete("write the \"" + title + "\" section");
    out += "\n## " + title + "\n\n" + body;
  }
  return out;
}

}  // namespace template_compose

}  // namespace prism::ai
