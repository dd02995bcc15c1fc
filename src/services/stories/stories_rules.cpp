#include "services/stories/stories_rules.hpp"

#include <algorithm>
#include <array>

namespace prism::services {

namespace {

constexpr std::array<std::int64_t, 8> kPoints = {0, 1, 2, 3, 5, 8, 13, 21};
constexpr std::array<std::string_view, 4> kPriorities = {"low", "medium", "high", "critical"};
constexpr std::array<std::string_view, 3> kStatuses = {"todo", "in_progress", "done"};
// Wide enough that the rules below, not the reader, report lengths.
constexpr std::size_t kReadLimit = 100000;

std::string trimmed(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::optional<std::string> length_problem(std::string_view s, std::size_t max) {
  auto len = utf8_length(s);
  if (!len) return "must be valid UTF-8";
  if (*len > max) return "must be at most " + std::to_string(max) + " characters";
  return std::nullopt;
}

std::string field_name(const std::string& prefix, std::string_view field) {
  return prefix.empty() ? std::string(field) : prefix + "." + std::string(field);
}

void add_if(std::vector<FieldError>& out, const std::string& prefix, std::string_view field,
            const std::optional<std::string>& problem) {
  if (problem) out.push_back({field_name(prefix, field), *problem});
}

void add_criteria_problems(std::vector<FieldError>& out, const std::string& prefix,
                           const std::vector<std::string>& criteria) {
  if (criteria.size() > kMaxAcceptanceCriteria) {
    out.push_back({field_name(prefix, "acceptance_criteria"),
                   "must have at most " + std::to_string(kMaxAcceptanceCriteria) + " items"});
    return;
  }
  for (std::size_t i = 0; i < criteria.size(); ++i) {
    std::string name = "acceptance_criteria[" + std::to_string(i) + "]";
    if (trimmed(criteria[i]).empty()) {
      out.push_back({field_name(prefix, name), "must not be empty"});
    } else {
      add_if(out, prefix, name, length_problem(criteria[i], kMaxStoryTextChars));
    }
  }
}

std::optional<std::string> read_text(JsonReader& r, std::string_view field) {
  if (r.is_null(field)) {
    r.optional_value(field);
    r.add_error(field, "must not be null");
    return std::nullopt;
  }
  return r.optional_string(field, 0, kReadLimit);
}

// Present and null → inner nullopt; absent → outer nullopt.
template <typename T, typename Read>
std::optional<std::optional<T>> read_nullable(JsonReader& r, std::string_view field, Read read) {
  if (r.is_null(field)) {
    r.optional_value(field);
    return std::optional<T>{};
  }
  if (!r.has(field)) return std::nullopt;
  auto v = read();
  if (!v) return std::nullopt;
  return std::optional<T>{std::move(*v)};
}

std::optional<std::int64_t> read_points(JsonReader& r) {
  auto n = r.optional_int("points", INT32_MIN, INT32_MAX);
  if (n && !is_story_points(*n)) {
    r.add_error("points", *points_problem(*n));
    return std::nullopt;
  }
  return n;
}

// Absent, or of the type the reader accepts (an array only when every item is a string).
bool well_typed(const json::object& body, const std::string& field) {
  const json::value* v = body.if_contains(field);
  if (!v || v->is_null()) return field != "title";
  if (field == "points") return false;  // read_points has checked it already
  if (v->is_array()) {
    const auto& arr = v->as_array();
    return std::all_of(arr.begin(), arr.end(), [](const json::value& i) { return i.is_string(); });
  }
  return v->is_string();
}

}  // namespace

bool StoryChanges::empty() const {
  return !title && !as_a && !i_want && !so_that && !acceptance_criteria && !points && !priority &&
         !status && !requirement_ref && !document_id;
}

bool is_story_priority(std::string_view p) {
  return std::find(kPriorities.begin(), kPriorities.end(), p) != kPriorities.end();
}
bool is_story_status(std::string_view s) {
  return std::find(kStatuses.begin(), kStatuses.end(), s) != kStatuses.end();
}
bool is_story_points(std::int64_t points) {
  return std::find(kPoints.begin(), kPoints.end(), points) != kPoints.end();
}

std::optional<std::string> title_problem(std::string_view title) {
  if (title.empty()) return "must not be empty";
  if (auto p = length_problem(title, kMaxStoryTitleChars)) return p;
  for (char c : title) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return "must be one line without control characters";
    }
  }
  return std::nullopt;
}

std::optional<std::string> text_problem(std::string_view text) {
  return length_problem(text, kMaxStoryTextChars);
}

std::optional<std::string> criteria_problem(const std::vector<std::string>& criteria) {
  std::vector<FieldError> out;
  add_criteria_problems(out, {}, criteria);
  if (out.empty()) return std::nullopt;
  return out.front().field + " " + out.front().message;
}

std::optional<std::string> points_problem(std::int64_t points) {
  if (is_story_points(points)) return std::nullopt;
  return "must be null or one of 0, 1, 2, 3, 5, 8, 13, 21";
}

std::optional<std::string> priority_problem(std::string_view priority) {
  if (is_story_priority(priority)) return std::nullopt;
  return "must be one of low, medium, high, critical";
}

std::optional<std::string> status_problem(std::string_view status) {
  if (is_story_status(status)) return std::nullopt;
  return "must be one of todo, in_progress, done";
}

// A requirement id as PRISM's templates number them: upper-case letters, a
// hyphen and a number without leading zeros (FR-12, NFR-3, SM-1).
std::optional<std::string> requirement_ref_problem(std::string_view ref) {
  auto dash = ref.find('-');
  auto all = [](std::string_view s, auto pred) { return std::all_of(s.begin(), s.end(), pred); };
  bool ok = dash != std::string_view::npos && dash >= 1 && dash <= 5;
  if (ok) {
    std::string_view letters = ref.substr(0, dash);
    std::string_view digits = ref.substr(dash + 1);
    ok = all(letters, [](char c) { return c >= 'A' && c <= 'Z'; }) && !digits.empty() &&
         digits.size() <= 6 && digits.front() != '0' &&
         all(digits, [](char c) { return c >= '0' && c <= '9'; });
  }
  if (ok) return std::nullopt;
  return "must be a requirement id such as FR-12, NFR-3 or SM-1";
}

NewStory normalized(NewStory story) {
  story.title = trimmed(story.title);
  story.as_a = trimmed(story.as_a);
  story.i_want = trimmed(story.i_want);
  story.so_that = trimmed(story.so_that);
  for (auto& c : story.acceptance_criteria) c = trimmed(c);
  if (story.requirement_ref) {
    std::string ref = trimmed(*story.requirement_ref);
    for (auto& c : ref) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    story.requirement_ref = ref.empty() ? std::nullopt : std::optional<std::string>(ref);
  }
  return story;
}

std::vector<FieldError> story_problems(const NewStory& s, const std::string& prefix) {
  std::vector<FieldError> out;
  add_if(out, prefix, "title", title_problem(s.title));
  add_if(out, prefix, "as_a", text_problem(s.as_a));
  add_if(out, prefix, "i_want", text_problem(s.i_want));
  add_if(out, prefix, "so_that", text_problem(s.so_that));
  add_criteria_problems(out, prefix, s.acceptance_criteria);
  if (s.points) add_if(out, prefix, "points", points_problem(*s.points));
  add_if(out, prefix, "priority", priority_problem(s.priority));
  add_if(out, prefix, "status", status_problem(s.status));
  if (s.requirement_ref) {
    add_if(out, prefix, "requirement_ref", requirement_ref_problem(*s.requirement_ref));
  }
  return out;
}

NewStory parse_new_story(const json::object& body) {
  JsonReader r(body);
  NewStory s;
  s.title = r.required_string("title", 0, kReadLimit);
  s.as_a = read_text(r, "as_a").value_or("");
  s.i_want = read_text(r, "i_want").value_or("");
  s.so_that = read_text(r, "so_that").value_or("");
  if (r.is_null("acceptance_criteria")) r.add_error("acceptance_criteria", "must not be null");
  s.acceptance_criteria = r.optional_string_array("acceptance_criteria", kReadLimit, kReadLimit)
                              .value_or(std::vector<std::string>{});
  s.points = read_points(r);
  if (r.is_null("priority")) r.add_error("priority", "must not be null");
  s.priority = r.optional_string("priority", 0, kReadLimit).value_or("medium");
  if (r.is_null("status")) r.add_error("status", "must not be null");
  s.status = r.optional_string("status", 0, kReadLimit).value_or("todo");
  s.requirement_ref = r.optional_string("requirement_ref", 0, kReadLimit);
  s.document_id = r.optional_string("document_id", 1, 100);
  // The rules run on every field the reader took as well-typed, so the
  // client sees every problem at once, but none twice.
  s = normalized(std::move(s));
  for (auto& e : story_problems(s)) {
    std::string root = e.field.substr(0, e.field.find('['));
    if (well_typed(body, root)) r.add_error(e.field, std::move(e.message));
  }
  r.finish();
  return s;
}

StoryChanges parse_story_changes(const json::object& body) {
  JsonReader r(body);
  StoryChanges c;
  c.title = read_text(r, "title");
  c.as_a = read_text(r, "as_a");
  c.i_want = read_text(r, "i_want");
  c.so_that = read_text(r, "so_that");
  if (r.is_null("acceptance_criteria")) r.add_error("acceptance_criteria", "must not be null");
  c.acceptance_criteria = r.optional_string_array("acceptance_criteria", kReadLimit, kReadLimit);
  c.points = read_nullable<std::int64_t>(r, "points", [&] { return read_points(r); });
  c.priority = read_text(r, "priority");
  c.status = read_text(r, "status");
  c.requirement_ref = read_nullable<std::string>(
      r, "requirement_ref", [&] { return r.optional_string("requirement_ref", 0, kReadLimit); });
  c.document_id = read_nullable<std::string>(
      r, "document_id", [&] { return r.optional_string("document_id", 1, 100); });
  if (r.ok() && c.empty()) r.add_error("", "send at least one field to change");
  r.finish();
  return c;
}

}  // namespace prism::services
