#include "core/error.hpp"
#include "services/generations/generation_service.hpp"

namespace prism::services::generations {

namespace {

int story_count(const std::string& input_json) {
  auto input = json::parse(input_json).as_object();
  auto it = input.find("count");
  if (it == input.end() || !it->value().is_number()) return kDefaultStoryCount;
  return static_cast<int>(it->value().to_number<std::int64_t>());
}

}  // namespace

std::string GenerationService::generate_stories(
    ai::Provider& provider, const std::vector<ai::CompletionRequest>& requests,
    const store::generations::Generation& row,
    const std::function<void(std::string_view)>& on_delta,
    const std::function<void(const ai::Usage&)>& record_usage, Running& running) {
  std::vector<json::array> parts;
  std::string notes;  // what the answers said beside their stories
  auto keep = [&](ParsedStories parsed) {
    parts.push_back(std::move(parsed.stories));
    if (parsed.note && !parsed.note->empty() && notes.find(*parsed.note) == std::string::npos) {
      notes += (notes.empty() ? "" : " ") + *parsed.note;
    }
  };
  for (std::size_t i = 0; i < requests.size(); ++i) {
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
      keep(hooks_.parse_stories(answer));
    } catch (const std::exception& first) {
      running.log->append("status",
                          json::object{{"status", "repairing"}, {"problem", first.what()}});
      auto repair = hooks_.repair_request(requests[i], answer, first.what());
      repair.model = row.model;
      auto second = provider.stream(
          repair, [](std::string_view) {}, running.cancel);
      record_usage(second.usage);
      try {
        keep(hooks_.parse_stories(second.text));
      } catch (const std::exception& again) {
        throw Error(ErrorCode::kValidationFailed,
                    std::string("the model's stories were not valid JSON even after one "
                                "repair attempt: ") +
                        again.what())
            .with_machine_code("invalid_output");
      }
    }
  }
  json::array stories;
  if (hooks_.merge_stories) {
    stories = hooks_.merge_stories(parts, story_count(row.input));
  } else {
    for (auto& part : parts) {
      for (auto& s : part) stories.push_back(std::move(s));
    }
  }
  json::object result{{"stories", std::move(stories)}};
  if (!notes.empty()) result["note"] = notes;
  return json::serialize(result);
}

}  // namespace prism::services::generations
