#include "services/stories/stories_service.hpp"

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "services/access.hpp"
#include "services/audit/audit.hpp"
#include "services/stories/stories_export.hpp"
#include "services/stories/story_keys.hpp"
#include "store/change_feed.hpp"
#include "store/documents_store.hpp"
#include "store/projects_store.hpp"

namespace prism::services {

namespace stories = store::stories;

namespace {

constexpr int kExportPage = 500;
// A search longer than any title is a mistake, not a search.
constexpr std::size_t kMaxStorySearchBytes = 4 * kMaxStoryTitleChars;

// The story if the caller may see it with `min_role`; a story of another
// organization is "story not found", like a missing one.
Story load_story(store::Tx& tx, const Caller& caller, std::string_view story_id, Role min_role) {
  auto story = stories::find(tx, story_id);
  if (!story) throw not_found("story");
  try {
    require_project(tx, caller.user_id, story->project_id, min_role);
  } catch (const Error& e) {
    if (e.code() == ErrorCode::kNotFound) throw not_found("story");
    throw;
  }
  return std::move(*story);
}

std::optional<std::string> document_problem(store::Tx& tx, std::string_view project_id,
                                            const std::optional<std::string>& document_id) {
  if (!document_id) return std::nullopt;
  auto doc = store::documents::find_document(tx, *document_id);
  if (doc && doc->project_id == project_id) return std::nullopt;
  return "is not a document of this project";
}

void check_query(const StoryQuery& q) {
  std::vector<FieldError> errors;
  if (q.status && !is_story_status(*q.status))
    errors.push_back({"status", *status_problem(*q.status)});
  if (q.priority && !is_story_priority(*q.priority)) {
    errors.push_back({"priority", *priority_problem(*q.priority)});
  }
  if (q.text && q.text->size() > kMaxStorySearchBytes) {
    errors.push_back({"q", "must be at most " + std::to_string(kMaxStorySearchBytes) + " bytes"});
  }
  if (q.key && !parse_story_key(*q.key)) {
    errors.push_back({"key", "must be a story key such as WEB-12"});
  }
  if (!errors.empty()) throw validation_failed(std::move(errors));
}

// The store's filter for a checked query; nullopt when no story can match (a
// key of another project). The project is read only for a key or a search.
std::optional<stories::ListFilter> filter_of(store::Tx& tx, std::string_view project_id,
                                             const StoryQuery& q) {
  stories::ListFilter f;
  f.project_id = std::string(project_id);
  f.status = q.status;
  f.document_id = q.document_id;
  f.priority = q.priority;
  f.after_id = q.cursor;
  f.limit = q.limit;
  f.text = q.text;
  if (!q.key && !q.text) return f;
  auto project = store::projects::find(tx, project_id);
  if (!project) throw not_found("project");
  if (q.key) {
    auto key = parse_story_key(*q.key);
    if (key->project_key != project->key) return std::nullopt;
    f.number = key->number;
  }
  if (q.text) f.text_number = story_number_in(*q.text, project->key);
  return f;
}

NewStory as_new_story(const Story& s) {
  return NewStory{s.title,  s.as_a,     s.i_want, s.so_that,         s.acceptance_criteria,
                  s.points, s.priority, s.status, s.requirement_ref, s.document_id};
}

Story insert_story(store::Tx& tx, const Caller& caller, const std::string& org_id,
                   std::string_view project_id, const NewStory& in,
                   const std::optional<std::string>& generation_id) {
  auto taken = stories::take_number(tx, project_id);
  if (!taken) throw not_found("project");
  std::int64_t now = now_unix_ms();
  Story s{new_id(),
          org_id,
          std::string(project_id),
          in.document_id,
          generation_id,
          in.title,
          in.as_a,
          in.i_want,
          in.so_that,
          in.acceptance_criteria,
          in.points,
          in.priority,
          in.status,
          in.requirement_ref,
          caller.user_id,
          now,
          now,
          taken->number,
          std::move(taken->project_key)};
  stories::insert(tx, s);
  store::changes::backlog_changed(tx, org_id, s.project_id);
  json::object details{{"title", s.title}, {"key", story_key(s.project_key, s.number)}};
  if (generation_id) details["generation_id"] = *generation_id;
  record_audit(tx, AuditEntry{org_id, caller.user_id, "story.created", "story", s.id,
                              std::move(details), caller.ip});
  return s;
}

}  // namespace

Story StoriesService::create(const Caller& caller, std::string_view project_id,
                             const NewStory& input) {
  NewStory story = normalized(input);
  if (auto problems = story_problems(story); !problems.empty()) {
    throw validation_failed(std::move(problems));
  }
  return db_.write([&](store::Tx& tx) {
    auto access = require_project(tx, caller.user_id, project_id, Role::kMember);
    if (auto p = document_problem(tx, project_id, story.document_id)) {
      throw validation_failed("document_id", *p);
    }
    return insert_story(tx, caller, access.org_id, project_id, story, std::nullopt);
  });
}

Story StoriesService::get(const Caller& caller, std::string_view story_id) {
  return db_.read([&](store::Tx& tx) { return load_story(tx, caller, story_id, Role::kViewer); });
}

std::vector<Story> StoriesService::list(const Caller& caller, std::string_view project_id,
                                        const StoryQuery& query) {
  check_query(query);
  return db_.read([&](store::Tx& tx) {
    require_project(tx, caller.user_id, project_id, Role::kViewer);
    auto filter = filter_of(tx, project_id, query);
    if (!filter) return std::vector<Story>{};
    filter->limit = query.limit + 1;
    return stories::list(tx, *filter);
  });
}

Story StoriesService::update(const Caller& caller, std::string_view story_id,
                             const StoryChanges& c) {
  return db_.write([&](store::Tx& tx) {
    Story s = load_story(tx, caller, story_id, Role::kMember);
    NewStory next = as_new_story(s);
    if (c.title) next.title = *c.title;
    if (c.as_a) next.as_a = *c.as_a;
    if (c.i_want) next.i_want = *c.i_want;
    if (c.so_that) next.so_that = *c.so_that;
    if (c.acceptance_criteria) next.acceptance_criteria = *c.acceptance_criteria;
    if (c.points) next.points = *c.points;
    if (c.priority) next.priority = *c.priority;
    if (c.status) next.status = *c.status;
    if (c.requirement_ref) next.requirement_ref = *c.requirement_ref;
    if (c.document_id) next.document_id = *c.document_id;
    next = normalized(std::move(next));
    auto problems = story_problems(next);
    if (auto p = document_problem(tx, s.project_id, next.document_id)) {
      problems.push_back({"document_id", *p});
    }
    if (!problems.empty()) throw validation_failed(std::move(problems));
    std::string old_status = s.status;
    s.title = next.title;
    s.as_a = next.as_a;
    s.i_want = next.i_want;
    s.so_that = next.so_that;
    s.acceptance_criteria = next.acceptance_criteria;
    s.points = next.points;
    s.priority = next.priority;
    s.status = next.status;
    s.requirement_ref = next.requirement_ref;
    s.document_id = next.document_id;
    s.updated_at = now_unix_ms();
    stories::update(tx, s);
    store::changes::backlog_changed(tx, s.org_id, s.project_id);
    // Status moves are what a team's history is read for; plain edits are
    // not audited, like document edits (their versions are the history).
    if (old_status != s.status) {
      record_audit(tx, AuditEntry{s.org_id, caller.user_id, "story.status_changed", "story", s.id,
                                  json::object{{"from", old_status}, {"to", s.status}}, caller.ip});
    }
    return s;
  });
}

void StoriesService::remove(const Caller& caller, std::string_view story_id) {
  db_.write([&](store::Tx& tx) {
    Story s = load_story(tx, caller, story_id, Role::kMember);
    stories::soft_delete(tx, s.id, now_unix_ms());
    store::changes::backlog_changed(tx, s.org_id, s.project_id);
    record_audit(tx, AuditEntry{s.org_id, caller.user_id, "story.deleted", "story", s.id,
                                json::object{{"title", s.title},
                                             {"key", story_key(s.project_key, s.number)}},
                                caller.ip});
  });
}

ExportFile StoriesService::export_stories(const Caller& caller, std::string_view project_id,
                                          const StoryQuery& query, StoryExportFormat format) {
  check_query(query);
  auto [project, all] = db_.read([&](store::Tx& tx) {
    require_project(tx, caller.user_id, project_id, Role::kViewer);
    auto project = store::projects::find(tx, project_id);
    if (!project) throw not_found("project");
    std::vector<Story> out;
    auto filter = filter_of(tx, project_id, query);
    if (!filter) return std::pair{std::move(*project), std::move(out)};
    filter->after_id.reset();
    filter->limit = kExportPage;
    for (;;) {
      auto page = stories::list(tx, *filter);
      out.insert(out.end(), page.begin(), page.end());
      if (page.size() < static_cast<std::size_t>(kExportPage)) break;
      filter->after_id = page.back().id;
    }
    return std::pair{std::move(*project), std::move(out)};
  });
  std::string stem = project.key + "-stories";
  switch (format) {
    case StoryExportFormat::kCsv:
      return {stem + ".csv", "text/csv; charset=utf-8; header=present", stories_csv(all)};
    case StoryExportFormat::kMarkdown:
      return {stem + ".md", "text/markdown; charset=utf-8", stories_markdown(project.name, all)};
    case StoryExportFormat::kJson:
      break;
  }
  return {stem + ".json", "application/json", stories_json_export(project, all)};
}

std::vector<Story> StoriesService::add_stories_in_tx(
    store::Tx& tx, const Caller& caller, std::string_view project_id,
    const std::optional<std::string>& document_id, const std::optional<std::string>& generation_id,
    const std::vector<NewStory>& input) {
  auto access = require_project(tx, caller.user_id, project_id, Role::kMember);
  std::vector<NewStory> ready;
  std::vector<FieldError> problems;
  for (std::size_t i = 0; i < input.size(); ++i) {
    NewStory s = normalized(input[i]);
    if (!s.document_id) s.document_id = document_id;
    std::string prefix = "stories[" + std::to_string(i) + "]";
    for (auto& e : story_problems(s, prefix)) problems.push_back(std::move(e));
    if (auto p = document_problem(tx, project_id, s.document_id)) {
      problems.push_back({prefix + ".document_id", *p});
    }
    ready.push_back(std::move(s));
  }
  if (!problems.empty()) throw validation_failed(std::move(problems));
  std::vector<Story> out;
  out.reserve(ready.size());
  for (const auto& s : ready) {
    out.push_back(insert_story(tx, caller, access.org_id, project_id, s, generation_id));
  }
  return out;
}

}  // namespace prism::services
