#include "core/error.hpp"
#include "services/generations/generation_service.hpp"
#include "store/documents_store.hpp"
#include "store/stories_store.hpp"

namespace prism::services::generations {

namespace {

// The count asked for; without one, the default, or with requirements to
// cover (`to_cover`), one story for each.
int story_count(const std::string& input_json, std::size_t to_cover) {
  auto input = json::parse(input_json).as_object();
  auto it = input.find("count");
  if (it == input.end() || !it->value().is_number()) {
    return to_cover > 0 ? static_cast<int>(to_cover) : kDefaultStoryCount;
  }
  return std::max(static_cast<int>(it->value().to_number<std::int64_t>()),
                  static_cast<int>(to_cover));
}

// The requirement ids a request had to cover (task.input.cover).
std::vector<std::string> cover_of(const ai::CompletionRequest& r) {
  std::vector<std::string> out;
  auto* input = r.task.if_contains("input");
  auto* cover = input && input->is_object() ? input->as_object().if_contains("cover") : nullptr;
  if (cover == nullptr || !cover->is_array()) return out;
  for (const auto& id : cover->as_array()) {
    if (id.is_string()) out.emplace_back(id.as_string());
  }
  return out;
}

void add_refs(const json::array& stories, std::set<std::string, std::less<>>& refs) {
  for (const auto& s : stories) {
    const auto* ref = s.as_object().if_contains("requirement_ref");
    if (ref && ref->is_string()) refs.emplace(ref->as_string());
  }
}

}  // namespace

std::string GenerationService::generate_stories(
    ai::Provider& provider, const std::vector<ai::CompletionRequest>& requests,
    const store::generations::Generation& row,
    const std::function<void(std::string_view)>& on_delta,
    const std::function<void(const ai::Usage&)>& record_usage, Running& running) {
  std::vector<json::array> parts;
  std::vector<std::string> answers;  // each part's usable answer, for a coverage follow-up
  std::string notes;                 // what the answers said beside their stories
  auto keep = [&](ParsedStories parsed, std::string answer) {
    parts.push_back(std::move(parsed.stories));
    answers.push_back(std::move(answer));
    if (parsed.note && !parsed.note->empty() && notes.find(*parsed.note) == std::string::npos) {
      notes += (notes.empty() ? "" : " ") + *parsed.note;
    }
  };
  std::size_t to_cover = 0;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    to_cover += cover_of(requests[i]).size();
    if (requests.size() > 1) {
      running.log->append("status",
                          json::object{{"status", "running"},
                                       {"part", static_cast<std::int64_t>(i + 1)},
                                       {"parts", static_cast<std::int64_t>(requests.size())}});
      // The parts' answers are kept apart in the output.
      if (i > 0) on_delta("\n\n");
    }
    std::string streamed;
    auto result = provider.stream(
        requests[i],
        [&](std::string_view text) {
          streamed.append(text);
          on_delta(text);
        },
        running.cancel);
    record_usage(result.usage);
    // A provider that answers without deltas still shows its answer.
    if (streamed.empty() && !result.text.empty()) on_delta(result.text);
    std::string answer = result.text.empty() ? streamed : result.text;
    try {
      keep(hooks_.parse_stories(answer), answer);
    } catch (const std::exception& first) {
      running.log->append("status",
                          json::object{{"status", "repairing"}, {"problem", first.what()}});
      auto repair = hooks_.repair_request(requests[i], answer, first.what());
      repair.model = row.model;
      auto second = provider.stream(
          repair, [](std::string_view) {}, running.cancel);
      record_usage(second.usage);
      try {
        keep(hooks_.parse_stories(second.text), second.text);
      } catch (const std::exception& again) {
        throw Error(ErrorCode::kValidationFailed,
                    std::string("the model's stories were not valid JSON even after one "
                                "repair attempt: ") +
                        again.what())
            .with_machine_code("invalid_output");
      }
    }
  }
  int count = story_count(row.input, to_cover);
  if (to_cover > 0)
    follow_up_coverage(provider, requests, row, answers, parts, count, on_delta, record_usage,
                       running);
  json::array stories;
  if (hooks_.merge_stories) {
    stories = hooks_.merge_stories(parts, count);
  } else {
    for (auto& part : parts) {
      for (auto& s : part) stories.push_back(std::move(s));
    }
  }
  json::object result{{"stories", std::move(stories)}};
  if (!notes.empty()) result["note"] = notes;
  return json::serialize(result);
}

void GenerationService::follow_up_coverage(
    ai::Provider& provider, const std::vector<ai::CompletionRequest>& requests,
    const store::generations::Generation& row, const std::vector<std::string>& answers,
    std::vector<json::array>& parts, int& count,
    const std::function<void(std::string_view)>& on_delta,
    const std::function<void(const ai::Usage&)>& record_usage, Running& running) {
  if (!hooks_.coverage_request) return;
  std::set<std::string, std::less<>> proposed;
  for (const auto& part : parts) add_refs(part, proposed);
  std::vector<ai::Requirement> requirements;
  // Each part asked to cover some requirements: those its answer left
  // without a story get one more request, in the same conversation.
  for (std::size_t i = 0; i < requests.size(); ++i) {
    std::vector<std::string> missing_ids;
    for (auto& id : cover_of(requests[i])) {
      if (!proposed.contains(id)) missing_ids.push_back(std::move(id));
    }
    if (missing_ids.empty()) continue;
    if (requirements.empty()) {
      std::string content = db_.read([&](store::Tx& tx) {
        auto v = store::documents::find_version(tx, row.document_id.value_or(""),
                                                row.document_version.value_or(0));
        return v ? v->content : std::string();
      });
      requirements = ai::requirements_of(content);
    }
    std::vector<ai::Requirement> missing;
    for (const auto& r : requirements) {
      if (std::find(missing_ids.begin(), missing_ids.end(), r.id) != missing_ids.end())
        missing.push_back(r);
    }
    if (missing.empty()) continue;
    running.log->append("status",
                        json::object{{"status", "covering"},
                                     {"missing", static_cast<std::int64_t>(missing.size())}});
    auto request = hooks_.coverage_request(requests[i], answers[i], missing);
    request.model = row.model;
    on_delta("\n\n");
    auto result = provider.stream(request, on_delta, running.cancel);
    record_usage(result.usage);
    try {
      parts.push_back(hooks_.parse_stories(result.text).stories);
      count += static_cast<int>(missing.size());
    } catch (const std::exception& e) {
      // The stories already made stand; the coverage shows what is missing.
      running.log->append("status", json::object{{"status", "covering"}, {"problem", e.what()}});
    }
  }
}

json::object GenerationService::coverage_of(const store::generations::Generation& row,
                                            const json::array& stories) {
  return db_.read([&](store::Tx& tx) {
    std::string document_id = row.document_id.value_or("");
    auto version =
        store::documents::find_version(tx, document_id, row.document_version.value_or(0));
    auto requirements = ai::requirements_of(version ? version->content : std::string());
    std::set<std::string, std::less<>> in_backlog;
    for (auto& ref : store::stories::covered_requirements(tx, document_id)) in_backlog.insert(ref);
    std::set<std::string, std::less<>> covered = in_backlog;
    add_refs(stories, covered);
    json::array uncovered;
    std::int64_t functional = 0;
    for (const auto& r : requirements) functional += r.kind == "functional" ? 1 : 0;
    for (const auto& r : ai::uncovered_requirements(requirements, covered)) {
      uncovered.push_back(json::object{{"id", r.id}, {"text", r.text}, {"section", r.section}});
    }
    std::int64_t by_proposals = 0;
    std::set<std::string, std::less<>> proposed;
    add_refs(stories, proposed);
    for (const auto& r : requirements) {
      if (r.kind == "functional" && proposed.contains(r.id) && !in_backlog.contains(r.id))
        ++by_proposals;
    }
    return json::object{{"functional_requirements", functional},
                        {"covered_by_backlog",
                         functional - by_proposals - static_cast<std::int64_t>(uncovered.size())},
                        {"covered_by_proposals", by_proposals},
                        {"uncovered", std::move(uncovered)}};
  });
}

}  // namespace prism::services::generations
