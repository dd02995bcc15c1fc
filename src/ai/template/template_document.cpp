#include "ai/template/template_document.hpp"

#include <algorithm>
#include <regex>
#include <set>

#include "ai/template/template_prd.hpp"
#include "ai/template/template_text.hpp"
#include "ai/templates.hpp"
#include "core/text.hpp"
#include "docs/sections.hpp"

namespace prism::ai::template_document {

namespace {

using namespace template_text;

// std::regex matches recursively, so only the start of a very long line is
// matched; ids, list markers and labels are at the start anyway.
constexpr std::size_t kMaxMatched = 4000;
constexpr std::size_t kMaxRequirement = 300;

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(pos, end - pos));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(std::move(line));
    pos = end + 1;
  }
  return out;
}

// The first sentence of a requirement: "Pay with a saved card. Target: …" →
// "Pay with a saved card".
std::string first_sentence(std::string_view text) {
  std::string t = squash(text.substr(0, kMaxMatched));
  auto stop = t.find(". ");
  if (stop != std::string::npos) t = t.substr(0, stop);
  // A story repeats the requirement in several fields, each limited in size.
  if (t.size() > kMaxRequirement) {
    auto space = t.rfind(' ', kMaxRequirement);
    t = utf8_prefix(t, space == std::string::npos || space == 0 ? kMaxRequirement : space);
  }
  return without_stop(t);
}

bool is_placeholder(std::string_view s) {
  return s.empty() || s.front() == '[' || s.front() == '(' || s.front() == '>';
}

void add_persona(std::vector<std::string>& out, std::string_view name) {
  std::string n = without_stop(without_emphasis(std::string(name)));
  if (is_placeholder(n) || !is_phrase(n)) return;
  std::string one = one_of(n);
  if (one.empty()) return;
  if (std::find(out.begin(), out.end(), one) == out.end()) out.push_back(one);
}

// The name a persona item starts with: "Shop owners: run the till" → "Shop owners".
std::string item_name(const std::string& text) {
  std::string t = without_emphasis(text);
  for (std::string_view sep : {":", " — ", " – ", " - ", " ("}) {
    auto at = t.find(sep);
    if (at != std::string::npos && at > 0) t = t.substr(0, at);
  }
  return t;
}

}  // namespace

std::vector<std::string> personas_in(std::string_view md) {
  std::vector<std::string> out;
  auto sections = docs::parse_sections(md);
  for (const auto& s : sections) {
    if (template_prd::kind_of(s.title) != template_prd::Kind::kPersonas) continue;
    for (const auto& line : lines_of(s.body)) {
      if (line.starts_with("### ")) add_persona(out, line.substr(4));
    }
    if (!out.empty()) return out;
    for (const auto& line : lines_of(s.body)) {
      auto item = list_item(line);
      if (item.is_item && item.indent == 0) add_persona(out, item_name(item.text));
    }
    if (!out.empty()) return out;
  }
  static const std::regex kLabel(
      R"(^\s*(?:Built for\s+|(?:\*\*)?(?:Target audience|Audience)(?::\*\*|\*\*:|:)\s*)(.+)$)",
      std::regex::icase);
  for (const auto& line : lines_of(md)) {
    std::smatch m;
    std::string head = line.substr(0, kMaxMatched);
    if (std::regex_match(head, m, kLabel)) add_persona(out, m[1].str());
    if (!out.empty()) break;
  }
  return out;
}

std::vector<Requirement> requirements_in(std::string_view md) {
  std::vector<Requirement> out;
  std::set<std::string> ids;
  std::set<std::string> texts;
  auto take = [&](Requirement r) {
    r.text = first_sentence(r.text);
    if (is_placeholder(r.text)) return;
    if (!r.id.empty() && !ids.insert(r.id).second) return;
    if (!texts.insert(ascii_lower(r.text)).second) return;
    out.push_back(std::move(r));
  };
  auto sections = docs::parse_sections(md);
  // Definitions first: the functional requirements section, then FR ids
  // found anywhere else (a document without that section).
  for (const auto& s : sections) {
    if (requirement_prefix(s.title) != "FR") continue;
    for (const auto& line : lines_of(s.body)) {
      auto r = leading_requirement(line);
      if (r.id.starts_with("FR-")) take(Requirement{std::move(r.id), std::move(r.text)});
    }
  }
  for (const auto& line : lines_of(md)) {
    auto r = leading_requirement(line);
    if (r.id.starts_with("FR-") && !ids.contains(r.id))
      take(Requirement{std::move(r.id), std::move(r.text)});
  }
  if (!out.empty()) return out;
  for (const auto& s : sections) {
    std::string t = ascii_lower(s.title);
    bool features =
        t.find("feature") != std::string::npos || t.find("capabilit") != std::string::npos ||
        (t.find("requirement") != std::string::npos && requirement_prefix(s.title) != "NFR") ||
        (t.find("scope") != std::string::npos && t.find("out of") == std::string::npos);
    if (!features) continue;
    for (const auto& line : lines_of(s.body)) {
      auto item = list_item(line);
      if (item.is_item && item.indent == 0) take(Requirement{"", without_emphasis(item.text)});
    }
  }
  return out;
}

std::vector<std::string> actor_words(const std::vector<std::string>& personas) {
  std::vector<std::string> out;
  for (const auto& p : personas) {
    std::string word;
    for (char c : ascii_lower(p) + " ") {
      if (c >= 'a' && c <= 'z') {
        word += c;
      } else if (!word.empty()) {
        if (word.size() >= 3) {
          out.push_back(word);
          out.push_back(word.ends_with('y') ? word.substr(0, word.size() - 1) + "ies" : word + "s");
        }
        word.clear();
      }
    }
  }
  return out;
}

std::string persona_for(std::string_view requirement, const std::vector<std::string>& personas) {
  std::string low = " " + ascii_lower(requirement) + " ";
  for (char& c : low) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) c = ' ';
  }
  for (const auto& p : personas) {
    for (const auto& word : actor_words({p})) {
      if (word.size() >= 4 && low.find(" " + word + " ") != std::string::npos) return p;
    }
  }
  return personas.empty() ? std::string("user") : personas.front();
}

}  // namespace prism::ai::template_document
