// Section rewrites without a model: the few edits that can be made by rule
// (a bullet list, requirement ids, targets, acceptance criteria, shorter
// paragraphs). Any other instruction returns the section unchanged with a
// note saying so: rewriting prose needs an AI provider.
#include <algorithm>
#include <cctype>
#include <regex>

#include "ai/template/template_document.hpp"
#include "ai/template/template_provider.hpp"
#include "ai/template/template_text.hpp"
#include "ai/templates.hpp"
#include "core/text.hpp"

namespace prism::ai::template_compose {

namespace {

using namespace template_text;
using Lines = std::vector<std::string>;

constexpr std::string_view kNote = "> Note (offline template): ";

bool mentions(const std::string& low, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&low](std::string_view w) { return low.find(w) != std::string::npos; });
}

// The current text as lines, without trailing blanks, runs of blank lines
// or notes a previous rewrite left.
Lines clean_lines(std::string_view text) {
  Lines out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(pos, end - pos));
    pos = end + 1;
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.pop_back();
    }
    if (line.starts_with("> Requested change:") || line.starts_with("> To complete: apply") ||
        line.starts_with(kNote)) {
      continue;
    }
    if (line.empty() && (out.empty() || out.back().empty())) continue;
    out.push_back(std::move(line));
  }
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

std::string joined(const Lines& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// A line of ordinary text: not a list item, heading, quote, table or fence.
bool is_prose(const std::string& line) {
  if (line.empty()) return false;
  char c = line.front();
  return c != '#' && c != '>' && c != '|' && c != '`' && c != '~' && c != ' ' &&
         !template_document::list_item(line).is_item;
}

std::vector<std::string> sentences(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i < text.size(); ++i) {
    cur += text[i];
    bool stop = (text[i] == '.' || text[i] == '?' || text[i] == '!') && i + 2 < text.size() &&
                text[i + 1] == ' ' &&
                (std::isupper(static_cast<unsigned char>(text[i + 2])) || text[i + 2] == '[');
    if (stop) {
      out.push_back(trim(cur));
      cur.clear();
    }
  }
  if (!trim(cur).empty()) out.push_back(trim(cur));
  return out;
}

// Each run of prose lines, as its sentences, replaced by what `rewrite`
// appends to `out` (other lines are kept); whether any `rewrite` said it
// changed something.
template <typename Rewrite>
bool rewrite_paragraphs(Lines& lines, Rewrite rewrite) {
  Lines out;
  bool changed = false;
  for (std::size_t i = 0; i < lines.size();) {
    if (!is_prose(lines[i])) {
      out.push_back(lines[i++]);
      continue;
    }
    std::string paragraph;
    while (i < lines.size() && is_prose(lines[i])) paragraph += " " + lines[i++];
    changed = rewrite(sentences(squash(paragraph)), out) || changed;
  }
  lines = std::move(out);
  return changed;
}

// Runs of prose lines become one bullet per sentence.
bool to_bullets(Lines& lines) {
  return rewrite_paragraphs(lines, [](const Lines& parts, Lines& out) {
    for (const auto& s : parts) out.push_back("- " + s);
    return true;
  });
}

std::size_t highest_id(std::string_view text, const std::string& prefix) {
  static const std::regex kAny(R"((?:^|[^A-Za-z0-9-])(FR|NFR|SM)-([0-9]{1,6})\b)");
  std::size_t high = 0;
  std::string s(text);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), kAny); it != std::sregex_iterator();
       ++it) {
    if ((*it)[1].str() == prefix) high = std::max<std::size_t>(high, std::stoul((*it)[2].str()));
  }
  return high;
}

bool add_ids(Lines& lines, const std::string& prefix, std::size_t next) {
  bool changed = false;
  for (auto& line : lines) {
    auto item = template_document::list_item(line);
    if (!item.is_item || item.indent > 0) continue;
    if (!template_document::leading_requirement(item.text).id.empty()) continue;
    line = "- " + prefix + "-" + std::to_string(++next) + ": " + item.text;
    changed = true;
  }
  return changed;
}

bool has_number(const std::string& s) {
  return s.find("[N]") != std::string::npos ||
         std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool add_targets(Lines& lines, const std::string& prefix) {
  bool changed = false;
  for (auto& line : lines) {
    auto item = template_document::list_item(line);
    if (!item.is_item || item.indent > 0) continue;
    auto req = template_document::leading_requirement(item.text);
    std::string text = req.id.empty() ? item.text : req.text;
    if (has_number(text)) continue;
    std::string kind = req.id.empty() ? prefix : req.id.substr(0, req.id.find('-'));
    std::string target = kind == "FR"
                             ? std::string(capability(without_stop(text)).category->measure)
                         : kind == "SM"  ? "[N] by [date], from a baseline of [N] today"
                         : kind == "NFR" ? "[N], verified by [a test, review or measurement]"
                                         : "[N] [unit], measured by [how]";
    line = without_stop(line) + ". Target: " + target + ".";
    changed = true;
  }
  return changed;
}

bool add_criteria(Lines& lines, std::string_view document) {
  auto personas = template_document::personas_in(document);
  auto actors = template_document::actor_words(personas);
  Lines out;
  bool changed = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out.push_back(lines[i]);
    auto item = template_document::list_item(lines[i]);
    if (!item.is_item || item.indent > 0) continue;
    // Criteria already under the item are kept as they are.
    bool has = false;
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      auto sub = template_document::list_item(lines[j]);
      if (!sub.is_item || sub.indent == 0) break;
      has = has || ascii_lower(sub.text).find("given") != std::string::npos;
    }
    if (has) continue;
    auto req = template_document::leading_requirement(item.text);
    std::string text = req.id.empty() ? item.text : req.text;
    auto stop = text.find(". ");
    text = without_stop(stop == std::string::npos ? text : text.substr(0, stop));
    if (text.empty()) continue;
    Capability c = capability(text, actors);
    std::string persona = template_document::persona_for(text, personas);
    out.push_back("  - Given I am " + with_article(persona) + ", when I " + c.action + ", then " +
                  std::string(c.category->outcome) + ".");
    changed = true;
  }
  lines = std::move(out);
  return changed;
}

bool shorten(Lines& lines) {
  return rewrite_paragraphs(lines, [](const Lines& parts, Lines& out) {
    if (!parts.empty()) out.push_back(parts.front());
    return parts.size() > 1;
  });
}

std::string with_note(const Lines& lines, const std::string& note) {
  std::string out = std::string(kNote) + note + "\n";
  if (!lines.empty()) out += "\n" + joined(lines);
  return out;
}

}  // namespace

std::string section(const json::object& task) {
  const auto& input = object_at(task, "input");
  std::string instruction = squash(field(input, "instruction"));
  std::string title = field(input, "section");
  std::string document = field(task, "document");
  Lines lines = clean_lines(field(task, "current"));
  std::string low = ascii_lower(instruction);
  if (instruction.empty()) {
    return with_note(lines, "no change was asked for, so the section is unchanged.");
  }
  std::string quoted =
      "\"" + (instruction.size() > 120 ? instruction.substr(0, 117) + "..." : instruction) + "\"";

  bool want_ids = mentions(low, {"number", " id", "ids", "fr-", "nfr-", "sm-", "identifier"});
  bool want_bullets = mentions(low, {"bullet", "list", "itemi", "break up", "break it up"});
  bool want_targets = mentions(low, {"measurable", "quantif", "metric", "target", "kpi"});
  bool want_criteria = mentions(low, {"acceptance", "given", "criteri", "testable"});
  bool want_shorter =
      mentions(low, {"shorten", "shorter", "concise", "briefer", "make it brief", "trim",
                     "condense", "tighten", "summari", "cut it down", "less wordy"});
  if (!(want_ids || want_bullets || want_targets || want_criteria || want_shorter)) {
    return with_note(lines, quoted +
                                " needs an AI provider. Without one, PRISM can only turn the text "
                                "into a bullet list, number requirements, add targets, add "
                                "acceptance criteria or shorten paragraphs; the section is "
                                "unchanged.");
  }

  std::string prefix = requirement_prefix(title);
  if (prefix.empty()) {
    prefix = mentions(low, {"nfr", "non-functional"}) ? "NFR"
             : mentions(low, {"sm-", "metric"})       ? "SM"
             : mentions(low, {"fr-", "requirement"})  ? "FR"
                                                      : "";
  }
  bool has_items = std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
    return template_document::list_item(l).is_item;
  });
  bool changed = false;
  std::vector<std::string> skipped;  // asked for, but not possible here
  std::vector<std::string> no_op;    // asked for, but already so
  auto apply = [&](bool did, std::string_view already) {
    if (did) {
      changed = true;
    } else {
      no_op.emplace_back(already);
    }
  };
  // Ids, targets and criteria belong to list items: prose is listed first.
  if (want_bullets) {
    apply(to_bullets(lines), "there is no paragraph to turn into a list");
  } else if ((want_ids || want_targets || want_criteria) && !has_items) {
    changed = to_bullets(lines) || changed;
  }
  if (want_ids) {
    if (prefix.empty()) {
      skipped.push_back("requirement ids (this section holds no FR, NFR or SM requirements)");
    } else {
      std::size_t next = std::max(highest_id(document, prefix), highest_id(joined(lines), prefix));
      apply(add_ids(lines, prefix, next), "every item already has an id");
    }
  }
  if (want_targets) {
    apply(add_targets(lines, prefix), "every item already has a number or an [N] target");
  }
  if (want_criteria) {
    apply(add_criteria(lines, document), "every item already has acceptance criteria");
  }
  if (want_shorter) apply(shorten(lines), "every paragraph is already one sentence");

  if (!changed) {
    for (auto& n : no_op) skipped.push_back(std::move(n));
    std::string why = skipped.empty() ? "the section is empty" : join_and(skipped);
    return with_note(lines, "the offline template could not apply " + quoted + ": " + why +
                                ". The section is unchanged; an AI provider can rewrite it.");
  }
  std::string out = joined(lines);
  if (!skipped.empty()) {
    out = std::string(kNote) + "not applied: " + join_and(skipped) + ".\n\n" + out;
  }
  return out;
}

}  // namespace prism::ai::template_compose
