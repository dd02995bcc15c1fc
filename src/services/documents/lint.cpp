#include "services/documents/lint.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "ai/requirements.hpp"
#include "core/text.hpp"
#include "docs/sections.hpp"

namespace prism::services {

namespace {

constexpr std::array<std::string_view, 22> kVagueWords{
    "fast",          "quick",      "quickly",   "easy",           "easily",     "simple",
    "user-friendly", "intuitive",  "robust",    "seamless",       "seamlessly", "flexible",
    "efficient",     "etc",        "as needed", "as appropriate", "and/or",     "state-of-the-art",
    "best-in-class", "sufficient", "adequate",  "several"};
constexpr std::array<std::string_view, 5> kTodoMarkers{"tbd", "todo", "fixme",
                                                       "to complete:", "???"};
constexpr int kRuleCap = 30;

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

// Whether `word` occurs in `low` as a whole word (or phrase).
bool has_word(const std::string& low, std::string_view word) {
  for (std::size_t at = low.find(word); at != std::string::npos; at = low.find(word, at + 1)) {
    bool start_ok = at == 0 || !word_char(low[at - 1]) || !word_char(word.front());
    std::size_t end = at + word.size();
    bool end_ok = end >= low.size() || !word_char(low[end]) || !word_char(word.back());
    if (start_ok && end_ok) return true;
  }
  return false;
}

class Linter {
 public:
  explicit Linter(const LintInput& in) : in_(in) {}

  LintReport run() {
    check_sections();
    scan_lines();
    check_requirements();
    check_coverage();
    std::stable_sort(report_.findings.begin(), report_.findings.end(),
                     [](const LintFinding& a, const LintFinding& b) {
                       return a.line.value_or(0) < b.line.value_or(0);
                     });
    report_.score = score();
    return std::move(report_);
  }

 private:
  void add(std::string rule, std::string severity, std::string section, std::string message,
           std::optional<std::size_t> line = std::nullopt) {
    report_.findings.push_back(LintFinding{std::move(rule), std::move(severity), std::move(section),
                                           std::move(message), line});
  }

  void check_sections() {
    auto sections = docs::parse_sections(in_.content);
    for (const auto& t : in_.template_sections) {
      if (!t.required) continue;
      const docs::Section* found = nullptr;
      for (const auto& s : sections) {
        if (ascii_lower(s.title) == ascii_lower(t.title)) found = &s;
      }
      if (!found) {
        add("missing_section", "error", t.title,
            "the template requires a \"" + t.title + "\" section");
        continue;
      }
      bool has_text = false;
      std::size_t pos = 0;
      const std::string& body = found->body;
      while (pos < body.size() && !has_text) {
        auto end = body.find('\n', pos);
        if (end == std::string::npos) end = body.size();
        std::string_view line(body.data() + pos, end - pos);
        auto first = line.find_first_not_of(" \t\r");
        has_text = first != std::string_view::npos && line[first] != '>';
        pos = end + 1;
      }
      if (!has_text) {
        add("empty_section", "warning", t.title,
            "the \"" + t.title + "\" section has no content yet", found->start_line);
      }
    }
  }

  void scan_lines() {
    std::string section;
    bool in_fence = false;
    std::size_t number = 0;
    std::size_t pos = 0;
    std::string_view md = in_.content;
    while (pos < md.size()) {
      auto end = md.find('\n', pos);
      if (end == std::string_view::npos) end = md.size();
      std::string line(md.substr(pos, end - pos));
      pos = end + 1;
      ++number;
      if (line.starts_with("```") || line.starts_with("~~~")) {
        in_fence = !in_fence;
        continue;
      }
      if (in_fence) continue;
      if (line.starts_with("## ")) {
        section = line.substr(3);
        while (!section.empty() && (section.back() == ' ' || section.back() == '\r')) {
          section.pop_back();
        }
        continue;
      }
      check_line(line, number, section);
    }
  }

  void check_line(const std::string& line, std::size_t number, const std::string& section) {
    std::string low = ascii_lower(line);
    for (auto marker : kTodoMarkers) {
      if (marker == "???" ? low.find("???") != std::string::npos : has_word(low, marker)) {
        add("todo_left", "warning", section, "placeholder left in the text", number);
        break;
      }
    }
    bool guidance = line.starts_with(">");
    if (!guidance) {
      for (auto word : kVagueWords) {
        if (has_word(low, word)) {
          add("vague_word", "warning", section,
              "\"" + std::string(word) + "\" is vague: say what it means in measurable terms",
              number);
        }
      }
    }
  }

  // The items of the FR, NFR and SM sections.
  void check_requirements() {
    for (const auto& item : ai::requirement_items(in_.content)) {
      if (item.prefix.empty()) continue;
      if (item.id.empty()) {
        add("requirement_without_id", "warning", item.section,
            "requirement without an id: start it with " + item.prefix + "-n", item.line);
        continue;
      }
      if (!defined_.emplace(item.id, item.line).second) {
        add("duplicate_requirement_id", "error", item.section,
            item.id + " is already used on line " + std::to_string(defined_[item.id]), item.line);
        continue;
      }
      if (item.id.starts_with("FR-")) functional_.emplace_back(item.id, item.line, item.section);
      if (item.prefix == "SM" && std::none_of(item.text.begin(), item.text.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c));
          })) {
        add("metric_without_number", "warning", item.section,
            item.id + " has no number: give it a target value and a time frame", item.line);
      }
    }
  }

  // Only functional requirements are expected to have stories; non-functional
  // ones constrain every story rather than being built by one.
  void check_coverage() {
    for (const auto& [id, line, section] : functional_) {
      if (!in_.covered_refs.contains(id)) {
        add("uncovered_requirement", "info", section, "no user story covers " + id, line);
      }
    }
  }

  int score() const {
    std::map<std::string, int> per_rule;
    for (const auto& f : report_.findings) {
      int cost = f.severity == "error" ? 15 : f.severity == "warning" ? 5 : 1;
      per_rule[f.rule] = std::min(kRuleCap, per_rule[f.rule] + cost);
    }
    int score = 100;
    for (const auto& [rule, cost] : per_rule) score -= cost;
    return std::max(score, 0);
  }

  const LintInput& in_;
  LintReport report_;
  std::map<std::string, std::size_t> defined_;
  std::vector<std::tuple<std::string, std::size_t, std::string>> functional_;
};

}  // namespace

LintReport lint_document(const LintInput& input) { return Linter(input).run(); }

json::object lint_report_json(const LintReport& report) {
  json::array findings;
  for (const auto& f : report.findings) {
    json::object o{
        {"rule", f.rule}, {"severity", f.severity}, {"section", f.section}, {"message", f.message}};
    if (f.line) o["line"] = static_cast<std::int64_t>(*f.line);
    findings.push_back(std::move(o));
  }
  return json::object{{"score", report.score}, {"findings", std::move(findings)}};
}

}  // namespace prism::services
