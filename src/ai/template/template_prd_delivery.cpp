// The sections about how the product is built and shipped: design, risks,
// timeline, release plan, rollout, scope, alternatives and open questions.
#include <map>

#include "ai/template/template_prd.hpp"

namespace prism::ai::template_prd {

using namespace template_text;

Paragraphs design(const Draft& d) {
  Paragraphs out{ask("name the main components of " + d.name() +
                     ", the data each one owns and how they talk to each other; add a diagram "
                     "if it helps")};
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < d.brief().features.size(); ++i) {
    std::string what = d.has(Kind::kFunctional)
                           ? d.feature_ref(i) + " (" + lower_first(d.brief().features[i]) + ")"
                           : upper_first(d.brief().features[i]);
    lines.push_back(what + ": built by [component]; stores [data].");
  }
  if (!lines.empty()) out.push_back(bullets(lines));
  if (d.has(Kind::kNonFunctional)) {
    out.push_back("The design must meet " + id_range("NFR", d.nfr_count()) + ".");
  }
  return out;
}

Paragraphs risks(const Draft& d) {
  auto caps = d.capabilities();
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::string>> users;
  for (std::size_t i = 0; i < caps.size(); ++i) {
    std::string dep(caps[i].category->dependency);
    if (dep.empty()) continue;
    if (!users.contains(dep)) order.push_back(dep);
    users[dep].push_back(d.feature_ref(i));
  }
  std::vector<std::string> lines;
  for (const auto& dep : order) {
    lines.push_back("Dependency: " + dep + ", for " + join_and(users[dep]) +
                    ". Owner: [team or vendor].");
  }
  for (const auto& c : d.brief().constraints) {
    lines.push_back("Risk: \"" + c +
                    "\" is not met at launch. Likelihood: [low, medium or high]; impact: [what "
                    "breaks]; mitigation: [plan].");
  }
  if (lines.empty()) {
    return {
        ask("list the teams, systems and vendors this relies on, and the main risks with "
            "likelihood, impact and mitigation")};
  }
  return {bullets(lines), ask("add the other teams and systems this relies on, and any other "
                              "risk with its likelihood, impact and mitigation")};
}

Paragraphs timeline(const Draft& d) {
  auto n = d.brief().features.size();
  std::string first = n == 0                     ? "the first working version"
                      : d.has(Kind::kFunctional) ? id_range("FR", n)
                                                 : "the key features";
  std::string measured = d.has(Kind::kMetrics) ? "the baselines of the success metrics are measured"
                                               : "the first usage numbers are in";
  return {bullets({"Milestone 1 ([date]): " + first +
                       " built and tested internally; exit when every target is met in testing.",
                   "Milestone 2 ([date]): a beta with [N] " + d.audience_or("early users") +
                       "; exit when " + measured + ".",
                   "Milestone 3 ([date]): general availability; exit when support requests stay "
                   "under [N] a week."}),
          ask("set the dates with the team that builds it and name who decides each exit")};
}

Paragraphs release(const Draft& d) {
  auto n = d.brief().features.size();
  if (n == 0) {
    return {
        ask("split the work into increments that each deliver something usable, and say "
            "what each one contains")};
  }
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < n; ++i) {
    std::string what = d.has(Kind::kFunctional)
                           ? d.feature_ref(i) + " (" + lower_first(d.brief().features[i]) + ")"
                           : upper_first(d.brief().features[i]);
    lines.push_back("Increment " + std::to_string(i + 1) + ": " + what + ", usable on its own.");
  }
  if (d.has(Kind::kNonFunctional)) {
    lines.push_back("Increment " + std::to_string(n + 1) + ": hardening against " +
                    id_range("NFR", d.nfr_count()) + " before general availability.");
  }
  return {bullets(lines),
          ask("order the increments by value and risk, and give each one a target date")};
}

Paragraphs rollout(const Draft& d) {
  std::string targets = d.has(Kind::kFunctional) && !d.brief().features.empty()
                            ? "the targets of " + id_range("FR", d.brief().features.size())
                            : "the main targets";
  return {bullets({"Feature flag: on for the team first, then for [N]% of " +
                       d.audience_or("users") + ", then for everyone.",
                   "Migration: [none, or the data that must move and how it is backfilled].",
                   "Rollback: switch the flag off; data written in the meantime [is kept or is "
                   "converted back].",
                   "Watch during rollout: an error rate under [N]% and " + targets +
                       "; stop the rollout if either is missed."}),
          ask("name who can stop the rollout and how users are told about the change")};
}

Paragraphs out_of_scope(const Draft& d) {
  auto n = d.brief().features.size();
  std::string beyond = n == 0                     ? ""
                       : d.has(Kind::kFunctional) ? " beyond " + id_range("FR", n)
                                                  : " beyond the key features listed";
  return {ask("list what this version deliberately leaves out" + beyond +
              ", so that reviewers can hold the line on scope")};
}

Paragraphs alternatives(const Draft& d) {
  return {bullets({"Do nothing: keep today's workaround, at a cost of [N] hours a month for " +
                       d.audience_or("the people affected") + ".",
                   "Buy or reuse: adopt an existing product or service instead of building " +
                       d.name() + ", at a cost of [N] a year."}),
          ask("add the other designs you considered and why each was not chosen (cost, risk, "
              "time)")};
}

Paragraphs questions(const Draft& d) {
  std::vector<std::string> lines;
  auto n = d.brief().features.size();
  if (n > 1) {
    lines.push_back(
        "Which of " +
        (d.has(Kind::kFunctional) ? id_range("FR", n) : std::string("the key features")) +
        " can wait for a later version if the date is at risk?");
  }
  for (const auto& c : d.brief().constraints) {
    lines.push_back("Who confirms that \"" + c + "\" is met, and by when?");
  }
  if (!d.has(Kind::kMetrics)) {
    lines.push_back("What result, [N] days after launch, would show this worked?");
  }
  Paragraphs out;
  if (!lines.empty()) out.push_back(bullets(lines));
  out.push_back(ask("give each question an owner and a date by which it must be answered"));
  return out;
}

}  // namespace prism::ai::template_prd
