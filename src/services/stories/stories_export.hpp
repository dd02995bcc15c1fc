#pragma once

// The shapes stories leave PRISM in: the API's JSON, and the export files.

#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "store/projects_store.hpp"
#include "store/stories_store.hpp"

namespace prism::services {

// The API representation of a story (times RFC 3339 UTC, absent values null).
json::object story_json(const store::stories::Story& s);

// Jira's names for PRISM's priorities and statuses.
std::string_view jira_priority(std::string_view priority);
std::string_view jira_status(std::string_view status);
// "As a …, I want …, so that …." followed by the acceptance criteria as a list.
std::string jira_description(const store::stories::Story& s);

// A CSV that Jira's CSV importer maps column by column: Summary, Issue Type,
// Description, Priority, Story Points, Labels, Status, and PRISM Key (the
// story's key, CHK-12, named so that Jira does not map it to its own Issue
// Key: an import may map it to a label or a custom field, or skip it); CRLF
// line ends, UTF-8 without a byte order mark.
std::string stories_csv(const std::vector<store::stories::Story>& stories);
// Grouped by status (To do, In progress, Done), each story headed by its key
// and title ("### CHK-12: Pay by card"), acceptance criteria as task lists.
std::string stories_markdown(std::string_view project_name,
                             const std::vector<store::stories::Story>& stories);
// {"project":{id,key,name},"exported_at":…,"items":[story…]}.
std::string stories_json_export(const store::projects::Project& project,
                                const std::vector<store::stories::Story>& stories);

}  // namespace prism::services
