// How the offline template provider turns a task into text. Everything here
// is deterministic: the same task always gives the same answer.
#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include "ai/structured.hpp"
#include "ai/template/template_provider.hpp"
#include "ai/templates.hpp"
#include "core/text.hpp"

namespace prism::ai::template_compose {

namespace {

struct Brief {
  std::string product;
  std::string description;
  std::string audience;
  std::vector<std::string> features;
  std::vector<std::string> constraints;
};

std::string field(const json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::vector<std::string> list(const json::object& o, std::string_view name) {
  std::vector<std::string> out;
  auto* v = o.if_contains(name);
  if (!v || !v->is_array()) return out;
  for (const auto& item : v->as_array()) {
    if (item.is_string() && !item.as_string().empty()) out.emplace_back(item.as_string());
  }
  return out;
}

const json::object& object_at(const json::object& o, std::string_view name) {
  static const json::object kEmpty;
  auto* v = o.if_contains(name);
  return v && v->is_object() ? v->as_object() : kEmpty;
}

std::string or_placeholder(const std::string& s, std::string_view what) {
  return s.empty() ? "(" + std::string(what) + " not given)" : s;
}

std::string to_complete(std::string_view what) {
  return "> To complete: " + std::string(what) + "\n";
}

std::string numbered(std::string_view prefix, const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += "- " + std::string(prefix) + "-" + std::to_string(i + 1) + ": " + items[i] + "\n";
  }
  return out;
}

// The body of one section, from the brief where the section's subject allows.
std::string body_for(const TemplateSection& s, const Brief& b) {
  std::string t = ascii_lower(s.title);
  std::string prefix = requirement_prefix(s.title);
  auto has = [&t](std::string_view w) { return t.find(w) != std::string::npos; };
  std::string audience = or_placeholder(b.audience, "target audience");
  if (prefix == "FR") {
    if (b.features.empty()) return to_complete("list the functional requirements as FR-n items.");
    return numbered("FR", b.features) + "\n" +
           to_complete("make each requirement testable and add any that are missing.");
  }
  if (prefix == "NFR") {
    if (b.constraints.empty()) {
      return to_complete(
          "list performance, security, privacy and accessibility requirements as NFR-n items "
          "with measurable targets.");
    }
    return numbered("NFR", b.constraints) + "\n" +
           to_complete("add a measurable target to each item.");
  }
  if (prefix == "SM") {
    std::string out;
    for (std::size_t i = 0; i < b.features.size(); ++i) {
      out += "- SM-" + std::to_string(i + 1) + ": adoption of \"" + b.features[i] + "\" by " +
             audience + "\n";
    }
    return out + (out.empty() ? "" : "\n") +
           to_complete("give each metric a number, a baseline and a time frame.");
  }
  if (has("summary") || has("overview") || has("vision")) {
    return "**" + or_placeholder(b.product, "product name") +
           "**: " + or_placeholder(b.description, "description") + "\n\nBuilt for: " + audience +
           ".\n\n" + to_complete("say why this matters now, in one or two sentences.");
  }
  if (has("problem")) {
    return or_placeholder(b.description, "description") + "\n\n" +
           to_complete("state the problem in " + audience +
                       "'s terms, how often it occurs, and the evidence for it.");
  }
  if (has("persona") || has("target user") || has("audience")) {
    return "### " + audience + "\n\n" +
           to_complete("describe their goals, context and pain points; add secondary personas.");
  }
  if (has("stor") || has("use case")) {
    std::string out;
    for (const auto& f : b.features) {
      out += "- As one of " + audience + ", I want " + f + ", so that (benefit to complete).\n";
    }
    return out + (out.empty() ? "" : "\n") + to_complete("state the benefit of each story.");
  }
  if (has("acceptance")) {
    std::string out;
    for (std::size_t i = 0; i < b.features.size(); ++i) {
      out +=
          "- FR-" + std::to_string(i + 1) + ": Given (context), when (action), then (outcome).\n";
    }
    return out + (out.empty() ? "" : "\n") +
           to_complete("write the Given/When/Then criteria that define done.");
  }
  if (has("risk") || has("dependenc")) {
    std::string out;
    for (const auto& c : b.constraints) out += "- Constraint to respect: " + c + "\n";
    return out + (out.empty() ? "" : "\n") +
           to_complete("list dependencies and risks with likelihood, impact and mitigation.");
  }
  if (has("question")) {
    std::string out;
    for (std::size_t i = 0; i < b.features.size(); ++i) {
      out += "- What target defines success for FR-" + std::to_string(i + 1) + " (" +
             b.features[i] + ")?\n";
    }
    return out + (out.empty() ? "" : "\n") + to_complete("add an owner to each question.");
  }
  return to_complete(s.guidance.empty() ? "write this section." : s.guidance);
}

std::string clean_lines(std::string_view text) {
  std::string out;
  bool blank = false;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(pos, end - pos));
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.pop_back();
    }
    pos = end + 1;
    if (line.starts_with("> Requested change:") || line.starts_with("> To complete: apply")) {
      continue;
    }
    if (line.empty()) {
      blank = !out.empty();
      continue;
    }
    if (blank) out += "\n";
    blank = false;
    out += line + "\n";
  }
  return out;
}

}  // namespace

std::string prd(const json::object& task) {
  const auto& input = object_at(task, "input");
  Brief b{field(input, "product_name"), field(input, "description"),
          field(input, "target_audience"), list(input, "key_features"), list(input, "constraints")};
  auto* sections = object_at(task, "template").if_contains("sections");
  std::vector<TemplateSection> list_of =
      sections ? sections_from_json(*sections) : find_builtin(kDefaultTemplate)->sections;
  std::string out =
      "> Drafted by PRISM's offline template from the product brief, not by AI. Lines marked "
      "\"To complete\" need a person.\n";
  for (const auto& s : list_of) out += "\n## " + s.title + "\n\n" + body_for(s, b);
  return out;
}

std::string section(const json::object& task) {
  const auto& input = object_at(task, "input");
  std::string instruction = field(input, "instruction");
  std::string body = clean_lines(field(task, "current"));
  std::string out = "> Requested change: " + or_placeholder(instruction, "instruction") + "\n" +
                    "> To complete: apply this change by hand; the offline template does not "
                    "rewrite text.\n";
  if (!body.empty()) out += "\n" + body;
  return out;
}

std::string stories(const json::object& task) {
  std::string document = field(task, "document");
  std::int64_t count = 50;
  if (auto* c = object_at(task, "input").if_contains("count"); c && c->is_int64()) {
    count = std::clamp<std::int64_t>(c->as_int64(), 1, 200);
  }
  static const std::regex kRequirement(
      R"((?:^|[^A-Za-z0-9-])(FR-[0-9]+)\**\s*[:.)\-]?\s*\**\s*(.*))");
  std::vector<Story> out;
  std::set<std::string> seen;
  std::size_t pos = 0;
  while (pos < document.size() && static_cast<std::int64_t>(out.size()) < count) {
    auto end = document.find('\n', pos);
    if (end == std::string::npos) end = document.size();
    std::string line = document.substr(pos, end - pos);
    pos = end + 1;
    std::smatch m;
    if (!std::regex_search(line, m, kRequirement)) continue;
    std::string id = m[1].str();
    std::string text = m[2].str();
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.pop_back();
    if (text.empty() || !seen.insert(id).second) continue;
    std::string title = text.size() > 80 ? text.substr(0, 77) + "..." : text;
    out.push_back(Story{id + ": " + title,
                        "user of the product",
                        text,
                        "requirement " + id + " is met",
                        {"Given the product is available, when a user relies on " + id +
                         ", then the behaviour it describes is observed: " + text},
                        3,
                        "medium",
                        id});
  }
  if (out.empty()) {
    out.push_back(Story{"Number the functional requirements",
                        "product manager",
                        "the PRD's functional requirements to carry FR-n ids",
                        "stories can be generated and traced to them",
                        {"Given the PRD, when its requirements are numbered FR-1, FR-2 …, then "
                         "stories can be generated for each of them"},
                        1,
                        "high",
                        std::nullopt});
  }
  return json::serialize(stories_json(out));
}

}  // namespace prism::ai::template_compose
