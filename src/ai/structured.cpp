#include "ai/structured.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include "core/text.hpp"

namespace prism::ai {

namespace {

constexpr std::array<int, 6> kPoints{1, 2, 3, 5, 8, 13};
constexpr std::array<std::string_view, 4> kPriorities{"low", "medium", "high", "critical"};
constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxText = 2000;
// The bad answer echoed back in a repair request is cut to keep the retry cheap.
constexpr std::size_t kMaxEchoedOutput = 16000;

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// "Given …, when …, then …" in that order, in any case.
bool is_gherkin(std::string_view criterion) {
  std::string c = ascii_lower(criterion);
  auto g = c.find("given");
  if (g == std::string::npos) return false;
  auto w = c.find("when", g);
  if (w == std::string::npos) return false;
  return c.find("then", w) != std::string::npos;
}

std::optional<int> as_points(const json::value& v) {
  double d = 0;
  if (v.is_int64())
    d = static_cast<double>(v.as_int64());
  else if (v.is_uint64())
    d = static_cast<double>(v.as_uint64());
  else if (v.is_double())
    d = v.as_double();
  else
    return std::nullopt;
  if (std::floor(d) != d) return std::nullopt;
  int p = static_cast<int>(d);
  if (std::find(kPoints.begin(), kPoints.end(), p) == kPoints.end()) return std::nullopt;
  return p;
}

class StoryReader {
 public:
  StoryReader(const json::object& o, std::string where, std::vector<std::string>& problems)
      : o_(o), where_(std::move(where)), problems_(problems) {}

  std::string text(std::string_view field, std::size_t max_len) {
    auto* v = o_.if_contains(field);
    if (!v || !v->is_string() || trim(v->as_string()).empty()) {
      problem(field, "must be a non-empty string");
      return {};
    }
    std::string s = trim(v->as_string());
    if (s.size() > max_len) problem(field, "is longer than " + std::to_string(max_len) + " bytes");
    return s;
  }

  void problem(std::string_view field, const std::string& message) {
    problems_.push_back(where_ + "." + std::string(field) + ": " + message);
  }

  const json::object& o_;
  std::string where_;
  std::vector<std::string>& problems_;
};

Story read_story(const json::object& o, std::string where, std::vector<std::string>& problems) {
  StoryReader r(o, std::move(where), problems);
  Story s;
  s.title = r.text("title", kMaxTitle);
  s.as_a = r.text("as_a", kMaxText);
  s.i_want = r.text("i_want", kMaxText);
  s.so_that = r.text("so_that", kMaxText);
  auto* ac = o.if_contains("acceptance_criteria");
  if (!ac || !ac->is_array() || ac->as_array().empty()) {
    r.problem("acceptance_criteria", "must be a non-empty array of Given/When/Then strings");
  } else {
    for (std::size_t i = 0; i < ac->as_array().size(); ++i) {
      const auto& c = ac->as_array()[i];
      std::string field = "acceptance_criteria[" + std::to_string(i) + "]";
      if (!c.is_string() || !is_gherkin(c.as_string())) {
        r.problem(field, "must be a string of the form \"Given …, when …, then …\"");
      } else {
        s.acceptance_criteria.push_back(trim(c.as_string()));
      }
    }
  }
  auto* pts = o.if_contains("points");
  auto points = pts ? as_points(*pts) : std::nullopt;
  if (!points) r.problem("points", "must be one of 1, 2, 3, 5, 8, 13");
  s.points = points.value_or(0);
  auto* pr = o.if_contains("priority");
  if (pr && pr->is_string()) s.priority = ascii_lower(trim(pr->as_string()));
  if (std::find(kPriorities.begin(), kPriorities.end(), s.priority) == kPriorities.end()) {
    r.problem("priority", "must be one of low, medium, high, critical");
  }
  if (auto* ref = o.if_contains("requirement_ref"); ref && !ref->is_null()) {
    std::string text = ref->is_string() ? trim(ref->as_string()) : std::string();
    if (!text.empty() && !is_requirement_ref(text)) {
      r.problem("requirement_ref", "must be a requirement id like FR-3, NFR-1 or SM-2, or null");
    } else if (!text.empty()) {
      s.requirement_ref = text;
    }
  }
  return s;
}

}  // namespace

bool is_requirement_ref(std::string_view ref) {
  std::size_t n = 0;
  if (ref.starts_with("FR-"))
    n = 3;
  else if (ref.starts_with("NFR-"))
    n = 4;
  else if (ref.starts_with("SM-"))
    n = 3;
  else
    return false;
  // Digits without a leading zero, as the stories backlog accepts them.
  if (ref.size() == n || ref.size() > n + 6 || ref[n] == '0') return false;
  return std::all_of(ref.begin() + static_cast<std::ptrdiff_t>(n), ref.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// Only keywords OpenAI's strict mode accepts (no minLength or maxLength:
// parse_stories checks lengths); every property required, no others.
json::object stories_schema() {
  json::object text{{"type", "string"}};
  json::object story{
      {"type", "object"},
      {"additionalProperties", false},
      {"required", json::array{"title", "as_a", "i_want", "so_that", "acceptance_criteria",
                               "points", "priority", "requirement_ref"}},
      {"properties",
       json::object{
           {"title",
            json::object{{"type", "string"},
                         {"description", "at most " + std::to_string(kMaxTitle) + " characters"}}},
           {"as_a", text},
           {"i_want", text},
           {"so_that", text},
           {"acceptance_criteria",
            json::object{{"type", "array"},
                         {"minItems", 1},
                         {"items", json::object{{"type", "string"},
                                                {"description", "Given …, when …, then …"}}}}},
           {"points", json::object{{"type", "integer"}, {"enum", json::array{1, 2, 3, 5, 8, 13}}}},
           {"priority", json::object{{"type", "string"},
                                     {"enum", json::array{"low", "medium", "high", "critical"}}}},
           {"requirement_ref", json::object{{"type", json::array{"string", "null"}},
                                            {"pattern", "^(FR|NFR|SM)-[0-9]+$"}}},
       }}};
  return json::object{
      {"type", "object"},
      {"additionalProperties", false},
      {"required", json::array{"stories"}},
      {"properties",
       json::object{{"stories", json::object{{"type", "array"}, {"items", std::move(story)}}}}}};
}

StoriesParse parse_stories(std::string_view model_output) {
  StoriesParse out;
  auto text = extract_json(model_output);
  if (!text) {
    out.problems.push_back("the answer contains no JSON object");
    return out;
  }
  json::value root = json::parse(*text);
  const json::array* items = nullptr;
  if (root.is_array()) {
    items = &root.as_array();
  } else if (auto* s = root.as_object().if_contains("stories"); s && s->is_array()) {
    items = &s->as_array();
    if (auto* n = root.as_object().if_contains("note"); n && n->is_string()) {
      std::string note = trim(n->as_string()).substr(0, kMaxText);
      if (!note.empty()) out.note = std::move(note);
    }
  }
  if (!items) {
    out.problems.push_back("expected a JSON object with a \"stories\" array");
    return out;
  }
  if (items->empty()) out.problems.push_back("stories: must contain at least one story");
  for (std::size_t i = 0; i < items->size(); ++i) {
    std::string where = "stories[" + std::to_string(i) + "]";
    if (!(*items)[i].is_object()) {
      out.problems.push_back(where + ": must be an object");
      continue;
    }
    out.stories.push_back(read_story((*items)[i].as_object(), where, out.problems));
  }
  if (!out.ok()) out.stories.clear();
  return out;
}

CompletionRequest repair_request(const CompletionRequest& original, std::string_view bad_output,
                                 const std::vector<std::string>& problems) {
  CompletionRequest r = original;
  std::string echoed(bad_output.substr(0, kMaxEchoedOutput));
  r.messages.push_back(Message{"assistant", echoed.empty() ? std::string("(empty)") : echoed});
  std::string ask = "Your previous answer could not be used. Problems found:\n";
  json::array list;
  for (const auto& p : problems) {
    ask += "- " + p + "\n";
    list.push_back(json::string(p));
  }
  ask +=
      "\nAnswer again with only the corrected JSON object {\"stories\":[…]} matching the "
      "schema: no prose, no code fences, no reasoning.";
  r.messages.push_back(Message{"user", ask});
  r.json_output = true;
  if (!r.json_schema) r.json_schema = stories_schema();
  r.task["repair"] = json::object{{"problems", std::move(list)}};
  r.temperature = 0;
  return r;
}

json::object story_json(const Story& s) {
  json::array criteria;
  for (const auto& c : s.acceptance_criteria) criteria.push_back(json::string(c));
  json::object o{{"title", s.title},
                 {"as_a", s.as_a},
                 {"i_want", s.i_want},
                 {"so_that", s.so_that},
                 {"acceptance_criteria", std::move(criteria)},
                 {"points", s.points},
                 {"priority", s.priority}};
  if (s.requirement_ref)
    o["requirement_ref"] = *s.requirement_ref;
  else
    o["requirement_ref"] = nullptr;
  return o;
}

json::object stories_json(const std::vector<Story>& stories) {
  json::array items;
  for (const auto& s : stories) items.push_back(story_json(s));
  return json::object{{"stories", std::move(items)}};
}

}  // namespace prism::ai
