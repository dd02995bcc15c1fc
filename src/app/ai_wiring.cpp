#include <stdexcept>

#include "ai/pricing.hpp"
#include "ai/prompts.hpp"
#include "ai/structured.hpp"
#include "app/application.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace prism::app {

namespace {

ai::ModelLimits limits_of(std::string_view model) {
  ai::ModelLimits limits;
  if (auto known = ai::find_known_model(model)) {
    limits.context_window = known->info.context_window;
    limits.max_output_tokens = known->info.max_output_tokens;
  }
  return limits;
}

std::vector<std::string> strings_of(const json::object& input, const char* field) {
  std::vector<std::string> out;
  if (auto it = input.find(field); it != input.end() && it->value().is_array()) {
    for (const auto& v : it->value().as_array()) out.emplace_back(v.as_string());
  }
  return out;
}

std::string string_of(const json::object& input, const char* field) {
  auto it = input.find(field);
  return it != input.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
}

services::NewStory new_story(const json::object& s) {
  services::NewStory n;
  n.title = string_of(s, "title");
  n.as_a = string_of(s, "as_a");
  n.i_want = string_of(s, "i_want");
  n.so_that = string_of(s, "so_that");
  n.acceptance_criteria = strings_of(s, "acceptance_criteria");
  if (auto it = s.find("points"); it != s.end() && it->value().is_int64()) {
    n.points = it->value().as_int64();
  }
  if (auto p = string_of(s, "priority"); !p.empty()) n.priority = p;
  if (auto r = string_of(s, "requirement_ref"); !r.empty()) n.requirement_ref = r;
  return n;
}

}  // namespace

// What the document's template asks of a section ("" when the document has
// no template, it was deleted, or it has no such section).
std::string Application::section_guidance(std::string_view org_id, std::string_view template_name,
                                          std::string_view section_title) {
  if (template_name.empty() || section_title.empty()) return {};
  auto t = template_catalog_->resolve(org_id, template_name);
  if (!t) return {};
  for (const auto& s : t->sections) {
    if (ascii_lower(s.title) == ascii_lower(section_title)) return s.guidance;
  }
  return {};
}

services::generations::AiHooks Application::generation_hooks() {
  using services::generations::PromptContext;
  services::generations::AiHooks hooks;
  hooks.find_provider = [this](std::string_view org_id,
                               std::string_view name) -> std::shared_ptr<ai::Provider> {
    // The organization's own provider first (bring your own key), then the server's.
    if (auto own = ai_settings_->provider_for(org_id, name)) return own;
    ai::Provider* server = name.empty() ? &providers_->default_provider() : providers_->find(name);
    return server ? services::generations::borrow(*server) : nullptr;
  };
  hooks.cost_usd = [this](std::string_view provider, std::string_view model, const ai::Usage& u) {
    return providers_->prices().cost_usd(provider, model, u);
  };
  hooks.template_version = [this](std::string_view org_id, std::string_view name) {
    auto t = template_catalog_->resolve(org_id, name);
    if (!t) throw validation_failed("template", "no template with this name");
    return t->version;
  };
  hooks.build_requests = [this](const PromptContext& c) {
    auto limits = limits_of(c.model);
    std::int64_t max_tokens = c.max_tokens.value_or(0);
    std::vector<ai::CompletionRequest> requests;
    if (c.kind == "prd") {
      auto t = template_catalog_->resolve(c.org_id, c.template_name);
      if (!t) throw validation_failed("template", "no template with this name");
      ai::PrdInput in{string_of(c.input, "product_name"), string_of(c.input, "description"),
                      string_of(c.input, "target_audience"), strings_of(c.input, "key_features"),
                      strings_of(c.input, "constraints")};
      requests.push_back(ai::prd_request(in, *t, limits, max_tokens > 0 ? max_tokens : 8192));
    } else if (c.kind == "section") {
      std::string instruction = string_of(c.input, "instruction");
      std::string guidance = section_guidance(c.org_id, c.document_template, c.section_title);
      requests.push_back(
          ai::section_request(ai::SectionInput{c.document_content, c.section_title, c.section_text,
                                               instruction, guidance},
                              limits, max_tokens > 0 ? max_tokens : 4096));
    } else {
      // Without a count: the default, or one story per requirement to cover.
      int count = c.cover.empty() ? services::generations::kDefaultStoryCount
                                  : static_cast<int>(c.cover.size());
      if (auto it = c.input.find("count"); it != c.input.end()) {
        count = static_cast<int>(it->value().to_number<std::int64_t>());
      }
      // A document too long for one call gives one request per part.
      requests = ai::stories_requests(c.document_content, count, limits,
                                      max_tokens > 0 ? max_tokens : 8192, c.cover);
    }
    for (auto& r : requests) {
      if (c.temperature) r.temperature = *c.temperature;
    }
    return requests;
  };
  hooks.parse_stories = [](std::string_view text) {
    auto parsed = ai::parse_stories(text);
    if (!parsed.ok()) {
      std::string problems;
      for (const auto& p : parsed.problems) problems += (problems.empty() ? "" : "; ") + p;
      throw std::runtime_error(problems);
    }
    return services::generations::ParsedStories{
        ai::stories_json(parsed.stories).at("stories").as_array(), parsed.note};
  };
  hooks.merge_stories = [](const std::vector<json::array>& parts, int count) {
    std::vector<std::vector<ai::Story>> stories;
    for (const auto& part : parts) {
      // The parts were validated by parse_stories; this only turns them back
      // into stories for the merge.
      stories.push_back(
          ai::parse_stories(json::serialize(json::object{{"stories", part}})).stories);
    }
    return ai::stories_json(ai::merge_stories(stories, count)).at("stories").as_array();
  };
  hooks.repair_request = [](const ai::CompletionRequest& original, std::string_view bad,
                            std::string_view problem) {
    return ai::repair_request(original, bad, std::vector<std::string>{std::string(problem)});
  };
  hooks.coverage_request = [](const ai::CompletionRequest& original, std::string_view answer,
                              const std::vector<ai::Requirement>& missing) {
    return ai::coverage_request(original, answer, missing);
  };
  hooks.add_stories_in_tx = [this](store::Tx& tx, const services::generations::StoriesToAdd& add) {
    std::vector<services::NewStory> stories;
    for (const auto& s : add.stories) stories.push_back(new_story(s.as_object()));
    json::array out;
    for (const auto& s : stories_->add_stories_in_tx(tx, add.caller, add.project_id,
                                                     add.document_id, add.generation_id, stories)) {
      out.push_back(json::object{{"id", s.id}, {"title", s.title}});
    }
    return out;
  };
  return hooks;
}

}  // namespace prism::app
