// The offline template's user stories: for each functional requirement of
// the document, a story for the capability and one for its failure case,
// written for the persona the requirement speaks of. When the document
// cannot give as many distinct stories as were asked for, fewer come back
// with a "note" saying why.
#include <algorithm>
#include <cmath>

#include "ai/structured.hpp"
#include "ai/template/template_document.hpp"
#include "ai/template/template_provider.hpp"
#include "ai/template/template_text.hpp"
#include "core/text.hpp"

namespace prism::ai::template_compose {

namespace {

using namespace template_text;
using template_document::Requirement;

constexpr std::size_t kMaxTitle = 80;
constexpr std::int64_t kDefaultCount = 50;

std::string title_of(std::string_view text, std::string_view suffix = {}) {
  std::string t = upper_first(text);
  std::size_t room = kMaxTitle - suffix.size();
  if (t.size() > room) {
    t = without_stop(utf8_prefix(t, room - 3)) + "...";
  }
  return t + std::string(suffix);
}

struct Plan {
  Requirement requirement;
  Capability capability;
  std::string persona;
};

Story capability_story(const Plan& p, std::size_t index) {
  const Category& c = *p.capability.category;
  return Story{
      title_of(p.capability.text),
      p.persona,
      p.capability.want,
      std::string(c.benefit),
      {"Given I am " + with_article(p.persona) + ", when I " + p.capability.action + ", then " +
       std::string(c.outcome)},
      c.points,
      index < 2 ? "high" : "medium",
      p.requirement.id.empty() ? std::nullopt : std::optional<std::string>(p.requirement.id)};
}

Story failure_story(const Plan& p) {
  const Category& c = *p.capability.category;
  return Story{
      title_of(p.capability.text, ": errors and retry"),
      p.persona,
      "to be told what went wrong and how to recover if something fails while I " +
          p.capability.during,
      std::string(c.recovery_benefit),
      {"Given " + std::string(c.failure) + ", when I " + p.capability.action +
       ", then I see what went wrong and what to do next, and nothing is lost or done "
       "twice"},
      2,
      "medium",
      p.requirement.id.empty() ? std::nullopt : std::optional<std::string>(p.requirement.id)};
}

Story numbering_story() {
  return Story{"Number the functional requirements",
               "product manager",
               "to start each functional requirement in the PRD with its id (FR-1, FR-2 …)",
               "every story can be traced back to what it delivers, and gaps in coverage show",
               {"Given the PRD, when each functional requirement starts with its id, then "
                "stories can be generated and traced to it"},
               1,
               "high",
               std::nullopt};
}

std::int64_t requested_count(const json::object& task) {
  auto* c = template_text::object_at(task, "input").if_contains("count");
  if (!c) return kDefaultCount;
  std::int64_t n = kDefaultCount;
  if (c->is_int64()) n = c->as_int64();
  if (c->is_uint64()) n = static_cast<std::int64_t>(std::min<std::uint64_t>(c->as_uint64(), 200));
  if (c->is_double() && std::isfinite(c->as_double())) {
    n = static_cast<std::int64_t>(std::clamp(c->as_double(), 1.0, 200.0));
  }
  return std::clamp<std::int64_t>(n, 1, 200);
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return count_word(n) + " " + std::string(n == 1 ? one : many);
}

// The requirements the request must cover (input.cover) come first, in its
// order; a coverage follow-up asks for those alone.
void prefer_cover(const json::object& task, std::vector<Plan>& plans) {
  auto* cover = template_text::object_at(task, "input").if_contains("cover");
  if (cover == nullptr || !cover->is_array()) return;
  std::vector<Plan> first;
  for (const auto& id : cover->as_array()) {
    if (!id.is_string()) continue;
    for (auto it = plans.begin(); it != plans.end(); ++it) {
      if (it->requirement.id == id.as_string()) {
        first.push_back(std::move(*it));
        plans.erase(it);
        break;
      }
    }
  }
  auto* followup = task.if_contains("coverage_followup");
  if (followup == nullptr || !followup->is_bool() || !followup->as_bool()) {
    for (auto& p : plans) first.push_back(std::move(p));
  }
  plans = std::move(first);
}

}  // namespace

std::string stories(const json::object& task) {
  std::string document = template_text::field(task, "document");
  auto* part = template_text::object_at(task, "part").if_contains("total");
  bool partial = part && part->is_int64() && part->as_int64() > 1;
  std::string where = partial ? "this part of the document" : "the document";
  std::size_t count = static_cast<std::size_t>(requested_count(task));

  auto personas = template_document::personas_in(document);
  auto actors = template_document::actor_words(personas);
  std::vector<Plan> plans;
  for (auto& r : template_document::requirements_in(document)) {
    Capability c = capability(r.text, actors);
    std::string persona = template_document::persona_for(r.text, personas);
    plans.push_back(Plan{std::move(r), std::move(c), std::move(persona)});
  }
  prefer_cover(task, plans);
  // Every capability before any failure case, so that a small count still
  // covers as many requirements as it can.
  std::vector<Story> all;
  for (std::size_t i = 0; i < plans.size(); ++i) all.push_back(capability_story(plans[i], i));
  for (const auto& p : plans) all.push_back(failure_story(p));

  std::vector<std::string> notes;
  std::vector<Story> out(all.begin(),
                         all.begin() + static_cast<std::ptrdiff_t>(std::min(count, all.size())));
  if (plans.empty()) {
    out = {numbering_story()};
    notes.push_back("No user stories could be written: " + where +
                    " has no numbered functional requirements (FR-1, FR-2 …) and no list of "
                    "features. The one story returned asks for them to be numbered.");
  } else if (out.size() < count) {
    bool with_ids = !plans.front().requirement.id.empty();
    notes.push_back("Made " + std::to_string(out.size()) + " stories, not the " +
                    std::to_string(count) +
                    " asked for: the offline template writes two stories for each " +
                    (with_ids ? "functional requirement" : "listed feature") +
                    " (the capability and its failure case), and " + where + " has " +
                    plural(plans.size(), with_ids ? "functional requirement" : "feature",
                           with_ids ? "functional requirements" : "features") +
                    ". Add requirements, or use an AI provider, for more.");
  }
  if (personas.empty() && !plans.empty()) {
    notes.push_back("No personas or target audience were found in " + where +
                    ", so the stories are written for a generic user; name them in a personas "
                    "or target users section for better stories.");
  }
  json::object result = stories_json(out);
  if (!notes.empty()) {
    std::string note;
    for (const auto& n : notes) note += (note.empty() ? "" : " ") + n;
    result["note"] = note;
  }
  return json::serialize(result);
}

}  // namespace prism::ai::template_compose
