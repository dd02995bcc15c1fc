// GenerationService::apply for stories accepted one by one and for the
// draft a stopped PRD leaves; section rewrites are in generation_actions.cpp.
#include <algorithm>
#include <set>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "services/generations/generation_service.hpp"

namespace prism::services::generations {

namespace gens = store::generations;

ApplyRequest parse_apply_request(const json::object& body) {
  JsonReader r(body);
  ApplyRequest request;
  if (const json::value* v = r.optional_value("stories")) {
    const json::array* items = v->if_array();
    std::vector<std::int64_t> indexes;
    bool ok = items != nullptr && !items->empty() && items->size() <= 100;
    for (std::size_t i = 0; ok && i < items->size(); ++i) {
      const auto& item = (*items)[i];
      ok = item.is_int64() && item.as_int64() >= 0;
      if (ok) indexes.push_back(item.as_int64());
    }
    std::set<std::int64_t> distinct(indexes.begin(), indexes.end());
    if (!ok || distinct.size() != indexes.size()) {
      r.add_error("stories", "must list 1 to 100 distinct proposal indexes (0, 1, …)");
    } else {
      request.stories = std::move(indexes);
    }
  }
  request.title = r.optional_string("title", 1, 200);
  r.finish();
  return request;
}

json::object GenerationService::save_partial_draft(store::Tx& tx, const Caller& caller,
                                                   const gens::Generation& row,
                                                   const ApplyRequest& request) {
  if (request.stories) throw validation_failed("stories", "only a stories generation has them");
  if (row.status == "succeeded") {
    throw conflict("a PRD generation is saved as a document when it ends");
  }
  if (row.status != "cancelled" && row.status != "failed") {
    throw conflict("the generation is still running: stop it first, or wait until it ends");
  }
  if (trim_blanks(row.output).empty()) {
    throw conflict("nothing was written before the generation stopped");
  }
  if (!gens::mark_applied(tx, row.id, now_unix_ms())) {
    throw conflict("what this generation wrote is already saved as a draft");
  }
  std::string title = request.title.value_or("");
  if (title.empty()) {
    auto input = json::parse(row.input).as_object();
    const json::value* name = input.if_contains("product_name");
    title = (name && name->is_string() ? std::string(name->as_string()) : "PRD") + " (draft)";
  }
  auto state = documents_.create(tx, caller, row.project_id,
                                 NewDocument{title, row.output, std::nullopt, row.id});
  return json::object{{"kind", "prd"},
                      {"document_id", state.document.id},
                      {"version", state.version.version}};
}

json::object GenerationService::apply_stories(store::Tx& tx, const Caller& caller,
                                              const gens::Generation& row, json::object& result,
                                              const ApplyRequest& request,
                                              const std::string& document_id) {
  if (row.applied_at) throw conflict("every proposed story has already been added");
  const json::array& proposals = result["stories"].as_array();
  std::set<std::int64_t> applied;
  if (row.applied_stories) {
    json::value before = json::parse(*row.applied_stories);
    for (const auto& i : before.as_array()) applied.insert(i.as_int64());
  }
  std::vector<std::int64_t> wanted;
  if (request.stories) {
    for (auto i : *request.stories) {
      if (i >= static_cast<std::int64_t>(proposals.size())) {
        throw validation_failed("stories", "there is no proposal " + std::to_string(i) + " (there are " +
                                               std::to_string(proposals.size()) + ")");
      }
      if (applied.count(i)) {
        throw conflict("proposal " + std::to_string(i) + " has already been added to the backlog");
      }
      wanted.push_back(i);
    }
  } else {
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(proposals.size()); ++i) {
      if (!applied.count(i)) wanted.push_back(i);
    }
  }
  if (wanted.empty()) throw conflict("every proposed story has already been added");
  json::array chosen;
  for (auto i : wanted) chosen.push_back(proposals[static_cast<std::size_t>(i)]);
  json::array now_applied;
  applied.insert(wanted.begin(), wanted.end());
  for (auto i : applied) now_applied.push_back(i);
  bool all = applied.size() == proposals.size();
  if (!gens::apply_stories(tx, row.id, row.applied_stories, json::serialize(now_applied),
                           all ? std::optional<std::int64_t>(now_unix_ms()) : std::nullopt)) {
    throw conflict("the proposals were being added by another request: reload and try again");
  }
  if (!hooks_.add_stories_in_tx) throw Error(ErrorCode::kUnavailable, "the backlog is unavailable");
  auto stored = hooks_.add_stories_in_tx(
      tx, StoriesToAdd{caller, row.org_id, row.project_id, document_id, row.id, std::move(chosen)});
  return json::object{{"kind", "stories"},
                      {"document_id", document_id},
                      {"stories", stored},
                      {"applied", std::move(now_applied)},
                      {"remaining", static_cast<std::int64_t>(proposals.size() - applied.size())}};
}

}  // namespace prism::services::generations
