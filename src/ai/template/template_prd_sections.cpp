// The body of each kind of PRD section. A section says only what belongs to
// its purpose; placeholders the author fills in are written [N] or [like
// this], never spliced into a sentence as "(… not given)".
#include <map>
#include <set>

#include "ai/template/template_prd.hpp"

namespace prism::ai::template_prd {

using namespace template_text;

std::string ask(std::string_view what) {
  std::string line = to_complete(what);
  line.pop_back();
  return line;
}

std::string bullets(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "- " : "\n- ") + l;
  return out;
}

std::vector<std::string> lowered(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(lower_first(i));
  return out;
}

namespace {

// The product, its description and, where no section is about users, its
// audience: said once, at the top of the first fitting section.
Paragraphs identity(const Draft& d) {
  const Brief& b = d.brief();
  Paragraphs out;
  bool one_paragraph = !b.description.empty() && b.description.find('\n') == std::string::npos;
  if (!b.product.empty() && one_paragraph) {
    out.push_back("**" + b.product + "**: " + sentence(b.description));
  } else {
    if (!b.product.empty()) out.push_back("**" + b.product + "**");
    if (!b.description.empty()) {
      out.push_back(one_paragraph ? sentence(b.description) : b.description);
    }
  }
  if (b.product.empty() && b.description.empty()) {
    out.push_back(
        ask("add the product name and a one- or two-sentence description of what it does"));
  } else if (b.product.empty()) {
    out.push_back(ask("add the product name"));
  } else if (b.description.empty()) {
    out.push_back(ask("add a description of " + b.product +
                      " in one or two sentences: what it does and the problem it removes"));
  }
  return out;
}

Paragraphs audience_line(const Draft& d) {
  const std::string& a = d.brief().audience;
  if (a.empty()) return {ask("add the target audience: who uses this and what they need from it")};
  if (is_phrase(a)) return {"Built for " + d.audience_or("") + "."};
  return {"**Target audience:** " + a};
}

Paragraphs summary(const Draft& d) {
  Paragraphs out;
  auto n = d.brief().features.size();
  if (n > 0) {
    std::string s = "This first version delivers " + count_word(n) +
                    (n == 1 ? " capability: " : " capabilities: ") +
                    join_and(lowered(d.brief().features)) + ".";
    if (d.has(Kind::kFunctional)) {
      s += n == 1 ? " It is specified as " : " Each is specified as a numbered requirement, ";
      s += id_range("FR", n) + ".";
    }
    out.push_back(s);
  }
  out.push_back(ask(
      "say why this matters now, in one or two sentences, and what happens if it is not built"));
  return out;
}

Paragraphs problem(const Draft& d) {
  std::string who = d.audience_or("the people who have it");
  return {ask("describe the problem from the point of view of " + who +
              ": what they do today, what goes wrong, and the evidence (interviews, support "
              "tickets, data)"),
          bullets({"How many are affected: [N] " + d.audience_or("people") + " a month.",
                   "How often it happens: [N] times a week for each of them.",
                   "What it costs today: [N] minutes lost each time, or [N] support requests a "
                   "month."})};
}

Paragraphs goals(const Draft& d) {
  auto caps = d.capabilities();
  if (caps.empty()) {
    return {
        ask("list two to four goals, each an outcome for people rather than a feature, and "
            "the non-goals this version will not pursue")};
  }
  // One goal per kind of outcome, with the features that serve it.
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::string>> refs;
  for (std::size_t i = 0; i < caps.size(); ++i) {
    std::string goal(caps[i].category->goal);
    if (!refs.contains(goal)) order.push_back(goal);
    refs[goal].push_back(d.feature_ref(i));
  }
  std::vector<std::string> lines;
  for (const auto& g : order)
    lines.push_back(upper_first(g) + ", through " + join_and(refs[g]) + ".");
  return {"Goals for this version:", bullets(lines),
          ask("list the non-goals: what this version will not do, so reviewers can hold the line "
              "on scope")};
}

Paragraphs metrics(const Draft& d) {
  auto caps = d.capabilities();
  std::string who = d.audience_or("active users");
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < caps.size(); ++i) {
    lines.push_back("SM-" + std::to_string(i + 1) + ": [N]% of " + who + " " + caps[i].action +
                    " within [N] days of launch.");
  }
  lines.push_back("SM-" + std::to_string(caps.size() + 1) + ": [N]% of " + d.audience_or("people") +
                  " who start their main task in " + d.name() +
                  " finish it without help, measured over [N] days.");
  return {bullets(lines),
          ask("give each metric its baseline today and replace every [N] with a target")};
}

Paragraphs personas(const Draft& d) {
  const Brief& b = d.brief();
  if (b.audience.empty()) {
    return {ask("add the target audience: who uses " + d.name() +
                " and what they need from it. Give each main persona a ### heading with their "
                "goals, context and pain points")};
  }
  Paragraphs out;
  if (is_phrase(b.audience)) {
    out.push_back("### " + upper_first(without_stop(squash(b.audience))));
  } else {
    out.push_back("### Target users");
    out.push_back(b.audience);
  }
  if (!b.features.empty()) {
    out.push_back("Main tasks in " + d.name() + ": " + join_and(lowered(b.features)) + ".");
  }
  out.push_back(ask("for " + d.audience_or("these users") +
                    ", describe their goals, the context they work in (device, place, time "
                    "pressure) and their main pain points today; add secondary personas as "
                    "further ### headings"));
  return out;
}

Paragraphs stories(const Draft& d) {
  auto caps = d.capabilities();
  if (caps.empty()) {
    return {
        ask("write the key journeys as \"As a …, I want …, so that …\", one for each thing "
            "people must be able to do")};
  }
  std::string who = with_article(d.persona());
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < caps.size(); ++i) {
    std::string ref = d.has(Kind::kFunctional) ? " (" + d.feature_ref(i) + ")" : std::string();
    lines.push_back("As " + who + ", I want " + caps[i].want + ", so that " +
                    std::string(caps[i].category->benefit) + ref + ".");
  }
  return {bullets(lines), ask("check each benefit with real " + d.audience_or("users") +
                              ", and add the main use cases as short step-by-step journeys")};
}

Paragraphs functional(const Draft& d) {
  auto caps = d.capabilities();
  if (caps.empty()) {
    return {
        ask("add the key features; each becomes one testable requirement with an FR-n id "
            "and a target such as \"[N]% of attempts succeed\"")};
  }
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < caps.size(); ++i) {
    lines.push_back("FR-" + std::to_string(i + 1) + ": " + upper_first(caps[i].text) +
                    ". Target: " + std::string(caps[i].category->measure) + ".");
  }
  return {bullets(lines), ask("split any requirement that covers more than one behaviour, and "
                              "replace each [N] with the value you will test against")};
}

std::string verification(const std::string& kind, const Draft& d) {
  if (kind == "security") {
    return "Verified by an external audit or penetration test before launch, with [N] open "
           "high-severity findings.";
  }
  if (kind == "privacy")
    return "Verified by a data-flow review; personal data is kept for at most [N] days.";
  if (kind == "performance") {
    return "Measured as p95 under [N] ms at [N] concurrent users, on the slowest supported "
           "network.";
  }
  if (kind == "availability") {
    return "Measured as [N]% availability a month, with recovery within [N] minutes of a failure.";
  }
  if (kind == "accessibility")
    return "Verified by a WCAG 2.2 AA audit with [N] open issues at launch.";
  if (kind == "cost") return "Tracked monthly: spend stays under [N], reviewed every [N] weeks.";
  if (kind == "platform") {
    return "Verified on the [N] devices and browsers most used by " +
           d.audience_or("the audience") + ".";
  }
  return "Verified by [a test, review or measurement] against a target of [N].";
}

std::string suggestion(const std::string& kind) {
  if (kind == "performance") {
    return "Performance: the main screens respond within [N] ms (p95) at [N] concurrent users.";
  }
  if (kind == "availability") {
    return "Availability: [N]% uptime a month, with planned maintenance announced [N] days ahead.";
  }
  if (kind == "accessibility") {
    return "Accessibility: meets WCAG 2.2 AA, with [N] open accessibility defects at launch.";
  }
  return "Security: personal data encrypted in transit and at rest, with [N] open critical "
         "findings at launch.";
}

Paragraphs non_functional(const Draft& d) {
  const auto& constraints = d.brief().constraints;
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < constraints.size(); ++i) {
    lines.push_back("NFR-" + std::to_string(i + 1) + ": " + upper_first(constraints[i]) + ". " +
                    verification(constraint_kind(constraints[i]), d));
  }
  for (std::size_t i = 0; i < d.suggested_kinds().size(); ++i) {
    lines.push_back("NFR-" + std::to_string(constraints.size() + i + 1) +
                    " (suggested): " + suggestion(d.suggested_kinds()[i]));
  }
  if (constraints.empty()) {
    return {bullets(lines),
            ask("add the constraints you already know (compliance, budget, supported platforms, "
                "deadlines) as NFR-n items, and keep or remove each suggested one")};
  }
  return {bullets(lines),
          ask("keep or remove each suggested item and replace every [N] with a target")};
}

Paragraphs acceptance(const Draft& d) {
  auto caps = d.capabilities();
  if (caps.empty()) {
    return {
        ask("write the Given/When/Then criteria that define done for each key feature once "
            "they are listed")};
  }
  std::string who = with_article(d.persona());
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < caps.size(); ++i) {
    std::string ref = d.has(Kind::kFunctional) ? d.feature_ref(i) + ": " : std::string();
    lines.push_back(ref + "Given I am " + who + ", when I " + caps[i].action + ", then " +
                    std::string(caps[i].category->outcome) + ".");
  }
  return {bullets(lines), ask("add the criteria for failure cases and agree with the team that "
                              "these define done")};
}

Paragraphs other(const Draft& d, std::size_t i) {
  const auto& s = d.sections()[i];
  if (!s.guidance.empty()) return {ask(s.guidance)};
  return {ask("write the \"" + s.title + "\" section")};
}

Paragraphs by_kind(const Draft& d, std::size_t i) {
  switch (d.kind(i)) {
    case Kind::kSummary:
      return summary(d);
    case Kind::kProblem:
      return problem(d);
    case Kind::kGoals:
      return goals(d);
    case Kind::kMetrics:
      return metrics(d);
    case Kind::kPersonas:
      return personas(d);
    case Kind::kStories:
      return stories(d);
    case Kind::kFunctional:
      return functional(d);
    case Kind::kNonFunctional:
      return non_functional(d);
    case Kind::kDesign:
      return design(d);
    case Kind::kRisks:
      return risks(d);
    case Kind::kTimeline:
      return timeline(d);
    case Kind::kRelease:
      return release(d);
    case Kind::kRollout:
      return rollout(d);
    case Kind::kOutOfScope:
      return out_of_scope(d);
    case Kind::kAlternatives:
      return alternatives(d);
    case Kind::kAcceptance:
      return acceptance(d);
    case Kind::kQuestions:
      return questions(d);
    case Kind::kOther:
      break;
  }
  return other(d, i);
}

}  // namespace

std::string section_body(const Draft& d, std::size_t i) {
  Paragraphs all;
  auto add = [&all](Paragraphs more) {
    for (auto& p : more) all.push_back(std::move(p));
  };
  Kind k = d.kind(i);
  if (i == d.identity_home()) add(identity(d));
  if (i == d.audience_home() && k != Kind::kPersonas) add(audience_line(d));
  add(by_kind(d, i));
  if (i == d.features_home() && k != Kind::kFunctional && d.brief().features.empty()) {
    add({ask("list the key features: what people will be able to do with " + d.name())});
  }
  if (i == d.constraints_home() && k == Kind::kRisks && d.brief().constraints.empty()) {
    add(
        {ask("add the constraints you already know (compliance, budget, supported platforms, "
             "deadlines)")});
  }
  std::string out;
  for (const auto& p : all) out += (out.empty() ? "" : "\n\n") + p;
  return out + "\n";
}

}  // namespace prism::ai::template_prd
